package io.forelight.frms.reactor.ops;

/**
 * What the node's control shows on JMX: one {@code LoopMBean} per loop ({@code
 * io.forelight.frms:type=Loop,reactor=<id>,loop=<id>}), one {@code ActuatorMBean} per actuator
 * ({@code type=Actuator}) and one {@code ProbeMBean} per calibratable probe ({@code type=Probe}).
 */
public final class ControlMBean {

  private ControlMBean() {}

  /** A control loop: its settings in force and its latest step (NaN where it had none). */
  public interface LoopMBean {
    String getLoopId();

    String getKind();

    String getMode();

    double getSetpoint();

    double getSetpointNow();

    double getMeasured();

    /** 0..1 of full output (a pH loop: mL dosed in its latest period, base > 0). */
    double getOutput();

    /** Why its outputs are safe now ("" when it controls). */
    String getFault();
  }

  /** An output: its level, why it is safe, its latest fault and its doses. */
  public interface ActuatorMBean {
    String getActuatorId();

    String getKind();

    double getLevel();

    String getSafeBecause();

    String getFault();

    double getDosedLastHourMl();

    double getDosedTotalMl();
  }

  /** A calibratable probe: its calibration in force and how settled it reads now. */
  public interface ProbeMBean {
    String getSensorId();

    int getCalibrationVersion();

    /** The latest point applied, its value, who sent it and when ("" before the first). */
    String getLatestCalibration();

    String getStability();

    boolean isStable();
  }
}
