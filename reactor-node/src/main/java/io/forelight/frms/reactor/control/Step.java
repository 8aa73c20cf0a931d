package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.actuator.Actuator;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What one kind of loop computes each period and how its output reaches its actuators: PID into one
 * level, on/off with hysteresis, PID through the DO split range into stirrer and air, or pH dosing
 * into base and acid pumps.
 */
abstract class Step {

  static Step of(LoopSpec spec) {
    return switch (spec.kind()) {
      case PID -> new PidStep();
      case ON_OFF -> new OnOffStep(spec.hysteresis());
      case DO_CASCADE -> new CascadeStep(spec.split());
      case PH -> new PhStep(spec.phDosing(), spec.actuator("acid").isPresent());
    };
  }

  abstract Terms step(double setpoint, double measured, double dtSeconds, LoopSettings settings);

  /** Sends the output to the actuators by role. */
  abstract void drive(double output, Map<String, ActorRef<Actuator.Command>> actuators);

  /** The next auto step starts from this output, where the kind allows. */
  void track(double output) {}

  /** Forgets history (the input was unusable). */
  void reset() {}

  static void level(Map<String, ActorRef<Actuator.Command>> actuators, String role, double level) {
    ActorRef<Actuator.Command> actuator = actuators.get(role);
    if (actuator != null) {
      actuator.tell(new Actuator.Drive(level));
    }
  }

  private static class PidStep extends Step {
    private final Pid pid = new Pid();

    @Override
    Terms step(double setpoint, double measured, double dt, LoopSettings s) {
      return pid.step(setpoint, measured, dt, s.gains(), s.outputMin(), s.outputMax());
    }

    @Override
    void drive(double output, Map<String, ActorRef<Actuator.Command>> actuators) {
      level(actuators, "output", output);
    }

    @Override
    void track(double output) {
      pid.track(output);
    }

    @Override
    void reset() {
      pid.reset();
    }
  }

  private static final class OnOffStep extends Step {
    private final OnOff onOff = new OnOff();
    private final double hysteresis;

    OnOffStep(double hysteresis) {
      this.hysteresis = hysteresis;
    }

    @Override
    Terms step(double setpoint, double measured, double dt, LoopSettings s) {
      Terms terms = onOff.step(setpoint, measured, hysteresis, false);
      return Terms.output(terms.output() > 0 ? s.outputMax() : s.outputMin());
    }

    @Override
    void drive(double output, Map<String, ActorRef<Actuator.Command>> actuators) {
      level(actuators, "output", output);
    }

    @Override
    void reset() {
      onOff.reset();
    }
  }

  /** The PID of the DO cascade, its one output split into stirrer and air. */
  private static final class CascadeStep extends PidStep {
    private final SplitRange split;

    CascadeStep(SplitRange split) {
      this.split = split;
    }

    @Override
    void drive(double output, Map<String, ActorRef<Actuator.Command>> actuators) {
      level(actuators, "stirrer", split.stirrer(output));
      level(actuators, "air", split.air(output));
    }
  }

  private static final class PhStep extends Step {
    private final PhDosing dosing;
    private final boolean hasAcid;

    PhStep(PhDosing dosing, boolean hasAcid) {
      this.dosing = dosing;
      this.hasAcid = hasAcid;
    }

    /** The dose (mL, positive base, negative acid) within the operator's output range. */
    @Override
    Terms step(double setpoint, double measured, double dt, LoopSettings s) {
      Terms terms =
          new PhDosing(dosing.deadband(), dosing.mlPerPh(), s.outputMax()).step(setpoint, measured);
      return terms.output() < 0 && !hasAcid ? new Terms(terms.p(), 0, 0, 0) : terms;
    }

    @Override
    void drive(double output, Map<String, ActorRef<Actuator.Command>> actuators) {
      String role = output > 0 ? "base" : "acid";
      ActorRef<Actuator.Command> pump = actuators.get(role);
      if (output != 0 && pump != null) {
        pump.tell(new Actuator.Dose(Math.abs(output)));
      }
    }
  }
}
