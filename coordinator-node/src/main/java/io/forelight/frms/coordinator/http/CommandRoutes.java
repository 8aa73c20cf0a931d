package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.link.ReactorCommand;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.reactor.ReactorState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@code POST /api/reactors/{id}/commands}: queue a command in the reactor's outbox (202 with its
 * idempotency key; posting the same key again changes nothing). {@code GET /api/reactors/{id}}: the
 * reactor's fleet entry, description, link, outbox, recent outcomes and link history.
 *
 * <pre>
 * {"command": {"type": "set-sensor-interval", "sensorId": "ph", "intervalMillis": 500},
 *  "key": "optional-client-key", "reason": "faster pH during feeding"}
 * </pre>
 *
 * Types: set-sensor-interval, set-sensor-enabled {enabled}, add-sensor {kind, driver, unit,
 * intervalMillis, settings}, remove-sensor; for loops (by loopId): set-setpoint {setpoint,
 * rampPerMinute}, set-loop-mode {mode: off, manual, auto}, set-loop-output {output}, set-gains {kp,
 * ki, kd}, set-output-limits {min, max}, run-profile {name, segments: [{setpoint, durationMillis,
 * ramp}]}, stop-profile. Who issued it is the authenticated user; the reason is required; both go
 * into the audit trail. {@code DELETE /api/reactors/{id}/commands/{key}?reason=...}: cancel a
 * queued command; 404 if there is none, 409 if it was settled or is being delivered now.
 */
final class CommandRoutes extends AllDirectives {

  /** The body of a command submission. */
  record CommandRequest(ReactorCommand command, String key, String reason) {}

  record SubmittedView(String reactorId, String key, boolean alreadyKnown) {}

  record StatusView(String reactorId, ReactorState state, LinkState link) {}

  record CancelledView(String reactorId, String key, String outcome) {}

  private final FleetRoutes fleet;
  private final ClusterSharding sharding;
  private final AuditTrail audit;

  CommandRoutes(FleetRoutes fleet, ClusterSharding sharding, AuditTrail audit) {
    this.fleet = fleet;
    this.sharding = sharding;
    this.audit = audit;
  }

  /** The routes that change something, for {@code who}. */
  Route routes(Principal who, String origin) {
    return concat(
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("commands"),
            id ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, CommandRequest.class),
                            request ->
                                onSuccess(
                                    submit(id, request, who, origin),
                                    submitted ->
                                        complete(
                                            StatusCodes.ACCEPTED, submitted, Json.marshaller()))))),
        path(
            PathMatchers.segment("reactors")
                .slash(PathMatchers.segment())
                .slash("commands")
                .slash(PathMatchers.segment()),
            (id, key) ->
                delete(
                    () ->
                        parameterOptional(
                            "reason",
                            reason ->
                                onSuccess(
                                    cancel(id, key, who, reason, origin),
                                    cancelled -> completeOK(cancelled, Json.marshaller()))))));
  }

  /** {@code GET /api/reactors/{id}}. */
  Route status() {
    return path(
        PathMatchers.segment("reactors").slash(PathMatchers.segment()),
        id -> get(() -> onSuccess(status(id), view -> completeOK(view, Json.marshaller()))));
  }

  CompletionStage<SubmittedView> submit(
      String id, CommandRequest request, Principal who, String origin) {
    if (request.command() == null) {
      throw new BadRequest("the body needs a 'command' with a 'type'");
    }
    String reason = UserRoutes.reason(request.reason());
    return this.<StatusReply<Reactor.Submitted>>askReactor(
            id,
            fleet.known(id),
            replyTo -> new Reactor.Submit(request.command(), who.user(), request.key(), replyTo))
        .thenCompose(
            reply -> {
              if (reply.isError()) {
                throw new BadRequest(reply.getError().getMessage());
              }
              SubmittedView view =
                  new SubmittedView(id, reply.getValue().key(), reply.getValue().alreadyKnown());
              if (view.alreadyKnown()) {
                return CompletableFuture.completedFuture(view);
              }
              return audit
                  .record(
                      new AuditEvent.Entry(
                          who.user(),
                          "command-submitted",
                          "reactor:" + id,
                          reply.getValue().inForce(),
                          Json.text(request.command()) + " key " + view.key(),
                          reason,
                          origin))
                  .thenApply(recorded -> view);
            });
  }

  private CompletionStage<CancelledView> cancel(
      String id, String key, Principal who, Optional<String> reason, String origin) {
    String why = UserRoutes.reason(reason.orElse(null));
    return this.<Reactor.Cancelled>askReactor(
            id, fleet.known(id), replyTo -> new Reactor.Cancel(key, who.user(), why, replyTo))
        .thenCompose(
            cancelled ->
                switch (cancelled.outcome()) {
                  case CANCELLED ->
                      audit
                          .record(
                              new AuditEvent.Entry(
                                  who.user(),
                                  "command-cancelled",
                                  "reactor:" + id,
                                  "queued " + key,
                                  "cancelled",
                                  why,
                                  origin))
                          .thenApply(recorded -> new CancelledView(id, key, cancelled.detail()));
                  case UNKNOWN -> throw new NotFound(cancelled.detail());
                  case ALREADY_SETTLED, BEING_DELIVERED -> throw new Conflict(cancelled.detail());
                });
  }

  /** The reactor's state as its entity holds it (a reactor of the fleet, or one that was). */
  CompletionStage<ReactorState> state(String id) {
    return this.askReactor(id, fleet.readable(id), Reactor.GetStatus::new);
  }

  private CompletionStage<StatusView> status(String id) {
    return this.<ReactorState>askReactor(id, fleet.readable(id), Reactor.GetStatus::new)
        .thenCombine(fleet.linkState(id), (state, link) -> new StatusView(id, state, link));
  }

  /**
   * Asks the reactor's entity, once {@code check} (is it in the fleet, or readable) passed, through
   * its holder (503 naming it when that coordinator cannot be reached).
   */
  private <T> CompletionStage<T> askReactor(
      String id, CompletionStage<?> check, Function<ActorRef<T>, Reactor.Command> message) {
    return check.thenCompose(
        passed ->
            fleet.fromHolder(
                Reactor.ENTITY_KEY.name(),
                id,
                () ->
                    sharding
                        .entityRefFor(Reactor.ENTITY_KEY, id)
                        .ask(message::apply, FleetRoutes.ASK_TIMEOUT)));
  }
}
