package io.forelight.frms.reactor.ops;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What one running sensor last did, written by its {@code Sensor} actor (one writer) and read by
 * JMX and the readiness check (any thread).
 */
public final class SensorStatus implements SensorMBean {

  private final SensorSpec spec;
  private final Duration staleAfter;
  private final LongSupplier highestLogged;
  private volatile ReadingTaken latest;
  private volatile long usableAtNanos = System.nanoTime();
  private volatile long samples;
  private volatile long faults;
  private volatile String lastFault = "";
  private volatile long lostAtSource;

  SensorStatus(
      SensorSpec spec, Duration staleAfter, ReadingTaken latest, LongSupplier highestLogged) {
    this.spec = spec;
    this.staleAfter = staleAfter;
    this.latest = latest;
    this.highestLogged = highestLogged;
  }

  /** The latest reading logged (null before the first). */
  public ReadingTaken latest() {
    return latest;
  }

  /** Called by the sensor after a reading is durable in the log. */
  public void logged(ReadingTaken reading) {
    latest = reading;
    samples++;
    if (reading.quality() == Quality.BAD) {
      faults++;
      lastFault = reading.detail();
    } else {
      usableAtNanos = System.nanoTime();
    }
  }

  /** Called by the sensor after a range of readings it could not log is recorded. */
  public void lost(Sensor.ReadingsLost range) {
    lostAtSource += range.count();
  }

  @Override
  public long getLostAtSource() {
    return lostAtSource;
  }

  /** Why this sensor counts as stale, if it does. */
  String staleness() {
    long millis = getMillisSinceUsableReading();
    ReadingTaken last = latest;
    String lastSaid =
        last == null
            ? "nothing logged yet"
            : "latest " + last.quality() + (last.detail().isEmpty() ? "" : ": " + last.detail());
    return "sensor "
        + spec.id()
        + ": no usable reading for "
        + String.format(Locale.ROOT, "%.1f", millis / 1000.0)
        + " s (interval "
        + spec.interval().toMillis()
        + " ms, stale after "
        + staleAfter.toMillis()
        + " ms; "
        + lastSaid
        + ")";
  }

  @Override
  public String getSensorId() {
    return spec.id();
  }

  @Override
  public String getKind() {
    return spec.kind();
  }

  @Override
  public long getIntervalMillis() {
    return spec.interval().toMillis();
  }

  /** The log's highest number for this sensor: the same as the latest reading's once it runs. */
  @Override
  public long getLastSeq() {
    ReadingTaken last = latest;
    return Math.max(last == null ? 0 : last.seq(), highestLogged.getAsLong());
  }

  @Override
  public double getLastValue() {
    ReadingTaken last = latest;
    return last == null ? Double.NaN : last.value();
  }

  @Override
  public String getLastTime() {
    ReadingTaken last = latest;
    if (last == null) {
      return "";
    }
    long micros = last.takenAtMicros();
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
  }

  @Override
  public String getLastQuality() {
    ReadingTaken last = latest;
    return last == null ? "" : last.quality().name();
  }

  @Override
  public long getSamples() {
    return samples;
  }

  @Override
  public long getFaults() {
    return faults;
  }

  @Override
  public String getLastFault() {
    return lastFault;
  }

  @Override
  public long getMillisSinceUsableReading() {
    return (System.nanoTime() - usableAtNanos) / 1_000_000;
  }

  @Override
  public boolean isStale() {
    return getMillisSinceUsableReading() > staleAfter.toMillis();
  }
}
