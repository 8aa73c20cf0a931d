package io.forelight.frms.coordinator.readings;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Something kept for each sensor of one reactor, in two arrays: a coordinator keeps several such
 * tables per reactor (what a link checked, each sensor's open minute, the latest day noted), a few
 * to a few dozen entries each, and a {@code HashMap} of 8 costs about three times as much (a node
 * and a table slot per entry). Lookups compare ids one by one, as cheap as hashing at these sizes.
 * Each sensor id is kept once per node (interned) on its way in, whatever message or row it came
 * from. Not thread-safe: its owner serializes access.
 */
public final class PerSensor<V> {

  private String[] sensors = new String[0];
  private Object[] values = new Object[0];
  private int size;

  /** The value of {@code sensor}, or null. */
  @SuppressWarnings("unchecked")
  public V get(String sensor) {
    int at = indexOf(sensor);
    return at < 0 ? null : (V) values[at];
  }

  public boolean contains(String sensor) {
    return indexOf(sensor) >= 0;
  }

  /** Sets the value of {@code sensor} (not null). */
  public void put(String sensor, V value) {
    if (value == null) {
      throw new IllegalArgumentException("no value for sensor " + sensor);
    }
    int at = indexOf(sensor);
    if (at >= 0) {
      values[at] = value;
      return;
    }
    if (size == sensors.length) {
      int capacity = Math.max(4, size * 2);
      sensors = Arrays.copyOf(sensors, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    sensors[size] = sensor.intern();
    values[size] = value;
    size++;
  }

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<String, V> action) {
    for (int i = 0; i < size; i++) {
      action.accept(sensors[i], (V) values[i]);
    }
  }

  public void clear() {
    sensors = new String[0];
    values = new Object[0];
    size = 0;
  }

  private int indexOf(String sensor) {
    for (int i = 0; i < size; i++) {
      if (sensors[i].equals(sensor)) {
        return i;
      }
    }
    return -1;
  }
}
