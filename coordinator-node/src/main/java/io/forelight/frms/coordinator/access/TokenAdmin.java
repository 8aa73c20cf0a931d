package io.forelight.frms.coordinator.access;

import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * API tokens: made from a logged-in session by a user for themself or by an admin for anyone, with
 * a role no higher than the maker's nor the owner's, and a lifetime up to {@code
 * tokens.max-lifetime}; revoked by their owner or an admin. Each is recorded in the audit trail.
 */
public final class TokenAdmin {

  /** A token as asked for; {@code owner} null means the maker, {@code role} null their role. */
  public record NewToken(String owner, String role, String description, String lifetime) {}

  private static final java.util.regex.Pattern LIFETIME =
      java.util.regex.Pattern.compile("(\\d{1,6})([dhm])");

  private final TokenStore tokens;
  private final UserAdmin users;
  private final AuditTrail audit;
  private final Authenticator authenticator;
  private final Duration maxLifetime;

  public TokenAdmin(
      TokenStore tokens,
      UserAdmin users,
      AuditTrail audit,
      Authenticator authenticator,
      AccessSettings settings) {
    this.tokens = tokens;
    this.users = users;
    this.audit = audit;
    this.authenticator = authenticator;
    this.maxLifetime = settings.tokenMaxLifetime();
  }

  public CompletionStage<TokenStore.Issued> issue(Principal by, NewToken request, String origin) {
    if (!by.bySession()) {
      throw AccessDenied.forbidden("tokens are made from a logged-in session, not with a token");
    }
    NewToken asked = request == null ? new NewToken(null, null, null, null) : request;
    String owner = asked.owner() == null || asked.owner().isBlank() ? by.user() : asked.owner();
    if (!owner.equals(by.user()) && !by.role().covers(Role.ADMIN)) {
      throw AccessDenied.forbidden("only an admin makes tokens for another user");
    }
    Role role;
    try {
      role = asked.role() == null ? by.role() : Role.parse(asked.role());
    } catch (IllegalArgumentException e) {
      throw AccessProblem.invalid(e.getMessage());
    }
    if (!by.role().covers(role)) {
      throw AccessDenied.forbidden(
          "a token's role is at most its maker's: you are "
              + by.role().id()
              + ", asked "
              + role.id());
    }
    Duration lifetime = lifetime(asked.lifetime());
    return users
        .get(owner)
        .thenCompose(
            user -> {
              if (!user.role().covers(role)) {
                throw AccessProblem.invalid(
                    "'"
                        + owner
                        + "' is "
                        + user.role().id()
                        + ": a token of theirs cannot be "
                        + role.id());
              }
              return tokens.issue(owner, role, asked.description(), by.user(), lifetime);
            })
        .thenCompose(
            issued ->
                audit
                    .record(
                        new AuditEvent.Entry(
                            by.user(),
                            "token-created",
                            "token:" + issued.stored().id(),
                            null,
                            "owner "
                                + owner
                                + " role "
                                + role.id()
                                + " expires "
                                + issued.stored().expiresAt(),
                            asked.description(),
                            origin))
                    .thenApply(recorded -> issued));
  }

  /** The caller's tokens, or every token for an admin. */
  public CompletionStage<List<TokenStore.Token>> list(Principal by) {
    return tokens
        .all()
        .thenApply(
            all ->
                all.stream()
                    .filter(t -> by.role().covers(Role.ADMIN) || t.owner().equals(by.user()))
                    .toList());
  }

  public CompletionStage<TokenStore.Token> revoke(
      Principal by, String id, String reason, String origin) {
    return tokens
        .find(id)
        .thenCompose(
            found -> {
              TokenStore.Token token =
                  found
                      .filter(t -> by.role().covers(Role.ADMIN) || t.owner().equals(by.user()))
                      .orElseThrow(
                          () ->
                              new AccessProblem(
                                  AccessProblem.Kind.NOT_FOUND, "no token '" + id + "' of yours"));
              return tokens
                  .revoke(id, by.user())
                  .thenCompose(
                      revoked ->
                          audit.record(
                              new AuditEvent.Entry(
                                  by.user(),
                                  "token-revoked",
                                  "token:" + id,
                                  "owner " + token.owner() + " role " + token.role().id(),
                                  "revoked",
                                  reason,
                                  origin)))
                  .thenApply(
                      recorded -> {
                        authenticator.forgetAll();
                        return token;
                      });
            });
  }

  private Duration lifetime(String asked) {
    if (asked == null || asked.isBlank()) {
      return maxLifetime.compareTo(Duration.ofDays(90)) < 0 ? maxLifetime : Duration.ofDays(90);
    }
    java.util.regex.Matcher m = LIFETIME.matcher(asked.strip());
    if (!m.matches()) {
      throw AccessProblem.invalid(
          "'lifetime' is a number with d, h or m (30d, 12h, 90m), got '" + asked + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration lifetime =
        switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxLifetime) > 0) {
      throw AccessProblem.invalid(
          "'lifetime' must be positive and at most " + maxLifetime.toDays() + "d, got " + asked);
    }
    return lifetime;
  }
}
