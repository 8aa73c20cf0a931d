package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.link.ReactorCommand;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.reactor.ReactorState;
import java.util.Optional;
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
 *  "key": "optional-client-key", "issuedBy": "ada"}
 * </pre>
 *
 * Types: set-sensor-interval, set-sensor-enabled {enabled}, add-sensor {kind, driver, unit,
 * intervalMillis, settings}, remove-sensor. {@code issuedBy} falls back to the X-FRMS-User header.
 * {@code DELETE /api/reactors/{id}/commands/{key}[?reason=...]}: cancel a queued command (who: the
 * X-FRMS-User header); 404 if there is none, 409 if it was settled or is being delivered now.
 */
final class CommandRoutes extends AllDirectives {

  /** The body of a command submission. */
  record CommandRequest(ReactorCommand command, String key, String issuedBy) {}

  record SubmittedView(String reactorId, String key, boolean alreadyKnown) {}

  record StatusView(String reactorId, ReactorState state, LinkState link) {}

  record CancelledView(String reactorId, String key, String outcome) {}

  private final FleetRoutes fleet;
  private final ClusterSharding sharding;

  CommandRoutes(FleetRoutes fleet, ClusterSharding sharding) {
    this.fleet = fleet;
    this.sharding = sharding;
  }

  Route routes() {
    return concat(
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("commands"),
            id ->
                post(
                    () ->
                        optionalHeaderValueByName(
                            "X-FRMS-User",
                            user ->
                                entity(
                                    Jackson.unmarshaller(Json.MAPPER, CommandRequest.class),
                                    request ->
                                        onSuccess(
                                            submit(id, request, user),
                                            submitted ->
                                                complete(
                                                    StatusCodes.ACCEPTED,
                                                    submitted,
                                                    Json.marshaller())))))),
        path(
            PathMatchers.segment("reactors")
                .slash(PathMatchers.segment())
                .slash("commands")
                .slash(PathMatchers.segment()),
            (id, key) ->
                delete(
                    () ->
                        optionalHeaderValueByName(
                            "X-FRMS-User",
                            user ->
                                parameterOptional(
                                    "reason",
                                    reason ->
                                        onSuccess(
                                            cancel(id, key, user, reason),
                                            cancelled ->
                                                completeOK(cancelled, Json.marshaller())))))),
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()),
            id -> get(() -> onSuccess(status(id), view -> completeOK(view, Json.marshaller())))));
  }

  private CompletionStage<SubmittedView> submit(
      String id, CommandRequest request, Optional<String> user) {
    if (request.command() == null) {
      throw new BadRequest("the body needs a 'command' with a 'type'");
    }
    String issuedBy = request.issuedBy() != null ? request.issuedBy() : user.orElse(null);
    return this.<StatusReply<Reactor.Submitted>>askReactor(
            id,
            fleet.known(id),
            replyTo -> new Reactor.Submit(request.command(), issuedBy, request.key(), replyTo))
        .thenApply(
            reply -> {
              if (reply.isError()) {
                throw new BadRequest(reply.getError().getMessage());
              }
              return new SubmittedView(id, reply.getValue().key(), reply.getValue().alreadyKnown());
            });
  }

  private CompletionStage<CancelledView> cancel(
      String id, String key, Optional<String> user, Optional<String> reason) {
    return this.<Reactor.Cancelled>askReactor(
            id,
            fleet.known(id),
            replyTo -> new Reactor.Cancel(key, user.orElse(null), reason.orElse(null), replyTo))
        .thenApply(
            cancelled ->
                switch (cancelled.outcome()) {
                  case CANCELLED -> new CancelledView(id, key, cancelled.detail());
                  case UNKNOWN -> throw new NotFound(cancelled.detail());
                  case ALREADY_SETTLED, BEING_DELIVERED -> throw new Conflict(cancelled.detail());
                });
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
