package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.reactor.Reactor;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * {@code POST /api/reactors/{id}/sensors/{sensor}/quarantine}: an admin's decision on a sensor
 * whose readings are refused because its reactor's log and the stored readings disagree.
 *
 * <pre>
 * {"decision": "accept", "reason": "card restored from last week's image; keep both"}
 * </pre>
 *
 * {@code accept} stores the reactor's log from what it still holds as a new sequence of that
 * sensor, beside the stored one (nothing stored is overwritten), and reconnects the link; {@code
 * keep-refusing} records the decision and goes on refusing. Who decided is the authenticated admin;
 * the reason is required; both go into the SensorLog journal and the audit trail. 404 when the
 * sensor is not quarantined.
 */
final class QuarantineRoutes extends AllDirectives {

  /** The body of a decision. */
  record Decision(String decision, String reason) {}

  record ResolvedView(String reactorId, String sensorId, String decision, String sequence) {}

  private final FleetRoutes fleet;
  private final ClusterSharding sharding;
  private final AuditTrail audit;

  QuarantineRoutes(FleetRoutes fleet, ClusterSharding sharding, AuditTrail audit) {
    this.fleet = fleet;
    this.sharding = sharding;
    this.audit = audit;
  }

  Route routes(Principal who, String origin) {
    return path(
        PathMatchers.segment("reactors")
            .slash(PathMatchers.segment())
            .slash("sensors")
            .slash(PathMatchers.segment())
            .slash("quarantine"),
        (id, sensor) ->
            post(
                () ->
                    entity(
                        Jackson.unmarshaller(Json.MAPPER, Decision.class),
                        decision ->
                            onSuccess(
                                resolve(id, sensor, decision, who.user())
                                    .thenCompose(
                                        resolved ->
                                            audit
                                                .record(
                                                    new AuditEvent.Entry(
                                                        who.user(),
                                                        "quarantine-decided",
                                                        "reactor:" + id + "/sensor:" + sensor,
                                                        "quarantined",
                                                        decision.decision(),
                                                        decision.reason(),
                                                        origin))
                                                .thenApply(recorded -> resolved)),
                                resolved -> completeOK(resolved, Json.marshaller())))));
  }

  private CompletionStage<ResolvedView> resolve(
      String id, String sensor, Decision decision, String by) {
    boolean accept = accepts(decision);
    if (decision.reason() == null || decision.reason().isBlank()) {
      throw new BadRequest("a decision needs a 'reason' (it goes into the audit trail)");
    }
    return fleet
        .readable(id)
        .thenCompose(
            readable ->
                fleet.fromHolder(
                    SensorLog.ENTITY_KEY.name(),
                    id,
                    () ->
                        sharding
                            .entityRefFor(SensorLog.ENTITY_KEY, id)
                            .<StatusReply<SensorLog.Positions>>ask(
                                replyTo ->
                                    new SensorLog.Resolve(
                                        sensor, accept, by, decision.reason(), replyTo),
                                FleetRoutes.ASK_TIMEOUT)))
        .thenApply(
            reply -> {
              if (reply.isError()) {
                throw new NotFound(reply.getError().getMessage());
              }
              if (accept) {
                sharding.entityRefFor(Reactor.ENTITY_KEY, id).tell(new Reactor.Reconnect());
              }
              var track = reply.getValue().tracks().get(sensor);
              return new ResolvedView(
                  id,
                  sensor,
                  decision.decision(),
                  track == null ? null : track.number() + ": " + track.origin());
            });
  }

  private static boolean accepts(Decision decision) {
    if (decision == null || decision.decision() == null) {
      throw new BadRequest("the body needs a 'decision': accept or keep-refusing");
    }
    return switch (decision.decision()) {
      case "accept" -> true;
      case "keep-refusing" -> false;
      default ->
          throw new BadRequest(
              "'decision' is accept or keep-refusing, got '" + decision.decision() + "'");
    };
  }
}
