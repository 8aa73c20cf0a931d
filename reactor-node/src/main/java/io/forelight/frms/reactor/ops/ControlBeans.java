package io.forelight.frms.reactor.ops;

import io.forelight.frms.reactor.actuator.ActuatorStatus;
import io.forelight.frms.reactor.calibration.CalibrationView;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.control.LoopView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@link ControlMBean}s over what the loops, actuators and probe calibrations publish. */
final class ControlBeans {

  private ControlBeans() {}

  static ControlMBean.LoopMBean loop(ControlBoard board, String loopId) {
    Supplier<Optional<LoopView>> view = () -> board.loop(loopId);
    Function<Function<LoopView, Double>, Double> number = f -> view.get().map(f).orElse(Double.NaN);
    return new ControlMBean.LoopMBean() {
      @Override
      public String getLoopId() {
        return loopId;
      }

      @Override
      public String getKind() {
        return view.get().map(v -> v.spec().kind().configName()).orElse("");
      }

      @Override
      public String getMode() {
        return view.get().map(v -> v.settings().mode().configName()).orElse("");
      }

      @Override
      public double getSetpoint() {
        return number.apply(v -> v.settings().setpoint());
      }

      @Override
      public double getSetpointNow() {
        return number.apply(LoopView::setpointNow);
      }

      @Override
      public double getMeasured() {
        return number.apply(LoopView::measured);
      }

      @Override
      public double getOutput() {
        return number.apply(v -> v.terms().output());
      }

      @Override
      public String getFault() {
        return view.get().map(LoopView::fault).orElse("not started");
      }
    };
  }

  static ControlMBean.ActuatorMBean actuator(ActuatorStatus status) {
    return new ControlMBean.ActuatorMBean() {
      @Override
      public String getActuatorId() {
        return status.spec().id();
      }

      @Override
      public String getKind() {
        return status.spec().kind().configName();
      }

      @Override
      public double getLevel() {
        return status.level();
      }

      @Override
      public String getSafeBecause() {
        return status.safeBecause();
      }

      @Override
      public String getFault() {
        return status.fault();
      }

      @Override
      public double getDosedLastHourMl() {
        return status.dosedLastHourMl();
      }

      @Override
      public double getDosedTotalMl() {
        return status.dosedTotalMl();
      }
    };
  }

  static ControlMBean.ProbeMBean probe(
      String sensorId, Function<String, Optional<CalibrationView>> views) {
    return new ControlMBean.ProbeMBean() {
      @Override
      public String getSensorId() {
        return sensorId;
      }

      @Override
      public int getCalibrationVersion() {
        return views.apply(sensorId).map(CalibrationView::version).orElse(0);
      }

      @Override
      public String getLatestCalibration() {
        return views
            .apply(sensorId)
            .flatMap(CalibrationView::latestRecord)
            .map(
                r ->
                    String.format(
                        Locale.ROOT,
                        "%s %s by %s at %s",
                        r.point().configName(),
                        r.value(),
                        r.issuedBy(),
                        Instant.EPOCH.plus(r.atMicros(), ChronoUnit.MICROS)))
            .orElse("");
      }

      @Override
      public String getStability() {
        return views.apply(sensorId).map(v -> v.stability().text()).orElse("");
      }

      @Override
      public boolean isStable() {
        return views.apply(sensorId).map(v -> v.stability().stable()).orElse(false);
      }
    };
  }
}
