package io.forelight.frms.bench;

import java.util.function.BiConsumer;

/** An open-addressing map of long to long, for the tens of millions of objects of a dump. */
final class LongMap {
  static final long ABSENT = Long.MIN_VALUE;
  private long[] keys = new long[1 << 20];
  private long[] values = new long[1 << 20];
  private int size;

  long get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
      if (keys[i] == 0) {
        return ABSENT;
      }
    }
  }

  void put(long key, long value) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
  }

  void forEach(BiConsumer<Long, Long> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        action.accept(keys[i], values[i]);
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    return Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
  }
}
