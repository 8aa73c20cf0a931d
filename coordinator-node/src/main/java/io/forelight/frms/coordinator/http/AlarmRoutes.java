package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.alarms.Alarm;
import io.forelight.frms.coordinator.alarms.AlarmRule;
import io.forelight.frms.coordinator.alarms.Alarms;
import io.forelight.frms.coordinator.alarms.Occurrence;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Alarms: {@code GET /api/alarms} (the open ones, newest first), {@code GET
 * /api/alarms?reactor=&limit=} (a reactor's latest, open or ended), {@code GET /api/alarms/{id}},
 * {@code POST /api/alarms/{id}/ack} {@code {"comment": "..."}} (an operator acknowledges; the
 * comment is required and goes into the audit trail with the user), {@code GET /api/alarms/rules}
 * (the rules the coordinators run).
 */
final class AlarmRoutes extends AllDirectives {

  record AckRequest(String comment) {}

  record RuleView(
      String id,
      String kind,
      String sensor,
      String group,
      Double limit,
      double hysteresis,
      long onDelayMillis,
      String severity,
      String describe) {

    static RuleView of(AlarmRule r) {
      boolean limited = r.kind() != AlarmRule.Kind.BAD_QUALITY;
      return new RuleView(
          r.id(),
          r.kind().id(),
          r.sensorId(),
          r.group(),
          limited ? r.limit() : null,
          r.hysteresis(),
          r.onDelay().toMillis(),
          r.severity().id(),
          r.describe());
    }
  }

  private static final int MAX_LIMIT = 500;

  private final Alarms alarms;
  private final ClusterSharding sharding;

  AlarmRoutes(Alarms alarms, ClusterSharding sharding) {
    this.alarms = alarms;
    this.sharding = sharding;
  }

  Route routes(Principal who) {
    return concat(
        path(
            PathMatchers.segment("alarms").slash("rules"),
            () ->
                get(
                    () ->
                        completeOK(
                            alarms.rules().all().stream().map(RuleView::of).toList(),
                            Json.marshaller()))),
        path(
            "alarms",
            () ->
                get(
                    () ->
                        parameterOptional(
                            "reactor",
                            reactor ->
                                parameterOptional(
                                    "limit",
                                    limit ->
                                        onSuccess(
                                            reactor.isPresent()
                                                ? alarms
                                                    .store()
                                                    .ofReactor(
                                                        reactor.get(),
                                                        Limit.of(limit.orElse("100"), MAX_LIMIT))
                                                : alarms.store().openAlarms(),
                                            list -> completeOK(list, Json.marshaller())))))),
        path(
            PathMatchers.segment("alarms").slash(PathMatchers.segment()),
            id ->
                get(
                    () ->
                        onSuccess(
                            alarms.store().find(id),
                            found ->
                                completeOK(
                                    found.orElseThrow(() -> new NotFound("no alarm " + id)),
                                    Json.marshaller())))),
        path(
            PathMatchers.segment("alarms").slash(PathMatchers.segment()).slash("ack"),
            id ->
                post(
                    () ->
                        entity(
                            Jackson.unmarshaller(Json.MAPPER, AckRequest.class),
                            request ->
                                onSuccess(
                                    acknowledge(id, who, request),
                                    acked -> completeOK(acked, Json.marshaller()))))));
  }

  private CompletionStage<Occurrence> acknowledge(String id, Principal who, AckRequest request) {
    if (request == null || request.comment() == null || request.comment().isBlank()) {
      throw new BadRequest("acknowledging needs a 'comment' (it goes into the audit trail)");
    }
    String reactor = Occurrence.reactorOf(id);
    String rule = Occurrence.ruleOf(id);
    if (reactor == null || rule == null) {
      throw new NotFound("no alarm " + id);
    }
    return sharding
        .entityRefFor(Alarm.ENTITY_KEY, Alarm.entityId(reactor, rule))
        .<Occurrence>askWithStatus(
            replyTo -> new Alarm.Acknowledge(id, who.user(), request.comment().strip(), replyTo),
            FleetRoutes.ASK_TIMEOUT)
        .exceptionally(
            error -> {
              Throwable cause = error.getCause() == null ? error : error.getCause();
              if (cause instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage message) {
                throw message.getMessage().startsWith("no alarm")
                    ? new NotFound(message.getMessage())
                    : new Conflict(message.getMessage());
              }
              throw error instanceof RuntimeException r ? r : new IllegalStateException(error);
            });
  }
}
