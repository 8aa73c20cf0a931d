package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.util.concurrent.CompletionStage;

/**
 * Records an alarm's transition: the read model ({@link AlarmStore}), then the audit trail (action
 * {@code alarm-raised}, {@code alarm-acknowledged}, {@code alarm-cleared} or {@code
 * alarm-reactivated}, target the reactor; by "system" unless a person acknowledged). At least once:
 * a coordinator that dies between the two records the transition again, so the trail may hold it
 * twice, with the same alarm id and transition number.
 */
public final class AlarmRecorder implements Delivery {

  private final AlarmStore store;
  private final AuditTrail audit;
  private final String origin;

  public AlarmRecorder(AlarmStore store, AuditTrail audit, String origin) {
    this.store = store;
    this.audit = audit;
    this.origin = origin;
  }

  @Override
  public CompletionStage<?> deliver(Transition t) {
    Occurrence a = t.alarm();
    return store
        .write(t)
        .thenCompose(
            written ->
                audit.record(
                    new AuditEvent.Entry(
                        t.actor(),
                        "alarm-" + t.kind(),
                        "reactor:" + a.reactorId(),
                        null,
                        a.id()
                            + " #"
                            + t.no()
                            + " "
                            + a.severity().id()
                            + " "
                            + a.status().name()
                            + ": "
                            + a.detail()
                            + (t.actor().equals("system") ? "; " + t.comment() : ""),
                        t.actor().equals("system") ? "rule " + a.ruleId() : t.comment(),
                        origin)));
  }
}
