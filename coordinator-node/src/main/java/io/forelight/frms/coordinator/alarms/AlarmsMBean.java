package io.forelight.frms.coordinator.alarms;

/**
 * The fleet's open alarms as {@code io.forelight.frms:type=Alarms}, the same on every node (read
 * from {@code open_alarms} every few seconds).
 */
public interface AlarmsMBean {

  /** Alarms not cleared yet. */
  int getActive();

  /** Open alarms nobody acknowledged yet (active or cleared). */
  int getUnacknowledged();

  /** Open alarms by severity. */
  int getCritical();

  int getMajor();

  int getMinor();

  int getWarning();

  /** When the figures were last read (ISO-8601), or "never". */
  String getReadAt();
}
