package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.access.TokenAdmin;
import io.forelight.frms.coordinator.access.TokenStore;
import java.time.Instant;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * API tokens: {@code POST /api/tokens} {@code {"owner", "role", "description", "lifetime": "30d"}}
 * (from a logged-in session; the token is in the answer, once), {@code GET /api/tokens} (one's own;
 * an admin's: all), {@code DELETE /api/tokens/{id}[?reason=...]} revokes.
 */
final class TokenRoutes extends AllDirectives {

  record TokenView(
      String id,
      String owner,
      String role,
      String description,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      String revokedBy,
      Instant revokedAt) {

    static TokenView of(TokenStore.Token t) {
      return new TokenView(
          t.id(),
          t.owner(),
          t.role().id(),
          t.description(),
          t.createdBy(),
          t.createdAt(),
          t.expiresAt(),
          t.revokedBy(),
          t.revokedAt());
    }
  }

  record IssuedView(String token, TokenView stored, String note) {}

  private final TokenAdmin tokens;

  TokenRoutes(TokenAdmin tokens) {
    this.tokens = tokens;
  }

  Route routes(Principal who, String origin) {
    return concat(
        path(
            "tokens",
            () ->
                concat(
                    get(
                        () ->
                            onSuccess(
                                tokens.list(who),
                                all ->
                                    completeOK(
                                        all.stream().map(TokenView::of).toList(),
                                        Json.marshaller()))),
                    post(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, TokenAdmin.NewToken.class),
                                asked ->
                                    onSuccess(
                                        tokens.issue(who, asked, origin),
                                        issued ->
                                            complete(
                                                StatusCodes.CREATED,
                                                new IssuedView(
                                                    issued.token(),
                                                    TokenView.of(issued.stored()),
                                                    "shown once: keep it; send it as"
                                                        + " 'Authorization: Bearer <token>'"),
                                                Json.marshaller())))))),
        path(
            PathMatchers.segment("tokens").slash(PathMatchers.segment()),
            id ->
                delete(
                    () ->
                        parameterOptional(
                            "reason",
                            reason ->
                                onSuccess(
                                    tokens.revoke(who, id, reason.orElse(null), origin),
                                    revoked ->
                                        completeOK(TokenView.of(revoked), Json.marshaller()))))));
  }
}
