package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.enrolment.Enrolment;
import io.forelight.frms.coordinator.enrolment.EnrolmentRequest;
import io.forelight.frms.coordinator.enrolment.EnrolmentTokens;
import io.forelight.frms.coordinator.enrolment.Enrolments;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Boards joining the fleet. Open to boards (they have no login): {@code POST /api/enrolment} {@code
 * {reactorId, address, hardware, csr, token?}} (202 with the state; the certificate when approved
 * at once) and {@code GET /api/enrolment/{reactorId}?fingerprint=...} (the board polls with its
 * key's fingerprint). For admins: {@code GET /api/enrolments}, {@code POST
 * /api/enrolments/{id}/approve|refuse} {@code {fingerprint, reason}}, {@code DELETE
 * /api/enrolments/{id}?reason=} (removes an enrolled board, revoking its certificate), {@code
 * GET|POST /api/enrolment-tokens} {@code {description, lifetime: "30m"}} (the token in the answer,
 * once).
 */
final class EnrolmentRoutes extends AllDirectives {

  /** What a board sees of its enrolment: no other board's data, no admin's name. */
  record BoardView(
      String reactorId, String state, String fingerprint, String certificate, String note) {

    static BoardView of(Enrolment e) {
      return new BoardView(
          e.reactorId(),
          e.state().id(),
          e.fingerprint(),
          e.state() == Enrolment.State.APPROVED ? e.certificate() : null,
          switch (e.state()) {
            case PENDING -> "waiting for an admin to approve this board";
            case APPROVED -> "approved: serve the link with this certificate";
            case REFUSED -> "refused: ask the fleet's admin";
            case REMOVED -> "removed from the fleet, its certificate revoked";
          });
    }
  }

  /** What an admin sees. */
  record AdminView(
      String reactorId,
      String state,
      String address,
      String hardware,
      String fingerprint,
      Instant requestedAt,
      String requestedFrom,
      String decidedBy,
      Instant decidedAt,
      String reason) {

    static AdminView of(Enrolment e) {
      return new AdminView(
          e.reactorId(),
          e.state().id(),
          e.address(),
          e.hardware(),
          e.fingerprint(),
          e.requestedAt(),
          e.requestedFrom(),
          e.decidedBy(),
          e.decidedAt(),
          e.reason());
    }
  }

  /** An admin's decision on the request they saw. */
  record Decision(String fingerprint, String reason) {}

  record NewToken(String description, String lifetime) {}

  record IssuedView(String token, EnrolmentTokens.Token stored, String note) {}

  private static final Pattern LIFETIME = Pattern.compile("(\\d{1,7})([smhd])");

  private final Enrolments enrolments;

  EnrolmentRoutes(Enrolments enrolments) {
    this.enrolments = enrolments;
  }

  /** The routes a board calls, from {@code from}. */
  Route open(String from) {
    return concat(
        path(
            "enrolment",
            () ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, EnrolmentRequest.class),
                            asked ->
                                onSuccess(
                                    enrolments.request(asked, from),
                                    e ->
                                        complete(
                                            StatusCodes.ACCEPTED,
                                            BoardView.of(e),
                                            Json.marshaller()))))),
        path(
            PathMatchers.segment("enrolment").slash(PathMatchers.segment()),
            id ->
                get(
                    () ->
                        parameter(
                            "fingerprint",
                            fingerprint ->
                                onSuccess(
                                    enrolments.status(id, fingerprint),
                                    e -> completeOK(BoardView.of(e), Json.marshaller()))))));
  }

  Route routes(Principal who, String origin) {
    return concat(
        path(
            "enrolments",
            () ->
                get(
                    () ->
                        onSuccess(
                            enrolments.all(),
                            all ->
                                completeOK(
                                    all.stream().map(AdminView::of).toList(), Json.marshaller())))),
        path(
            PathMatchers.segment("enrolments").slash(PathMatchers.segment()),
            id ->
                delete(
                    () ->
                        parameterOptional(
                            "reason",
                            reason ->
                                onSuccess(
                                    enrolments.remove(who, id, reason.orElse(null), origin),
                                    e -> completeOK(AdminView.of(e), Json.marshaller()))))),
        path(
            PathMatchers.segment("enrolments")
                .slash(PathMatchers.segment())
                .slash(PathMatchers.segment()),
            (id, verb) ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, Decision.class),
                            decision ->
                                onSuccess(
                                    decide(who, id, verb, decision, origin),
                                    e -> completeOK(AdminView.of(e), Json.marshaller()))))),
        path(
            "enrolment-tokens",
            () ->
                concat(
                    get(
                        () ->
                            onSuccess(
                                enrolments.tokens(), all -> completeOK(all, Json.marshaller()))),
                    post(
                        () ->
                            entity(
                                Jackson.unmarshaller(Json.MAPPER, NewToken.class),
                                asked ->
                                    onSuccess(
                                        enrolments.issueToken(
                                            who,
                                            asked.description(),
                                            lifetime(asked.lifetime()),
                                            origin),
                                        issued ->
                                            complete(
                                                StatusCodes.CREATED,
                                                new IssuedView(
                                                    issued.token(),
                                                    issued.stored(),
                                                    "shown once: give it to one board as"
                                                        + " frms.reactor.link.tls.enrol.token"),
                                                Json.marshaller())))))));
  }

  private java.util.concurrent.CompletionStage<Enrolment> decide(
      Principal who, String id, String verb, Decision decision, String origin) {
    return switch (verb) {
      case "approve" ->
          enrolments.approve(who, id, decision.fingerprint(), decision.reason(), origin);
      case "refuse" ->
          enrolments.refuse(who, id, decision.fingerprint(), decision.reason(), origin);
      default -> throw new NotFound("no route POST /api/enrolments/" + id + "/" + verb);
    };
  }

  private static Duration lifetime(String asked) {
    if (asked == null || asked.isBlank()) {
      return Duration.ofDays(1);
    }
    Matcher m = LIFETIME.matcher(asked.strip());
    if (!m.matches()) {
      throw new BadRequest(
          "'lifetime' is a number with s, m, h or d (90s, 30m, 12h, 7d), got '" + asked + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
