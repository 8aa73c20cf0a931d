package io.forelight.frms.reactor.journal;

import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A log record's bytes exactly as {@link java.io.DataOutputStream} writes them (big-endian numbers,
 * strings as length-prefixed modified UTF-8), so {@link java.io.DataInputStream} reads them back:
 * one growing array instead of a stream whose every byte is a synchronized call, which was a good
 * part of the log writer's time per reading.
 */
final class FrameBytes {

  /**
   * Strings already encoded (with their length): a frame repeats the same few (persistence ids,
   * manifests, writer ids), so each is encoded once; short ones only, and a bounded number.
   */
  private static final Map<String, byte[]> ENCODED = new ConcurrentHashMap<>();

  private static final int MAX_KEPT = 16_384;
  private static final int MAX_KEPT_CHARS = 200;

  private byte[] bytes;
  private int size;

  FrameBytes(int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  void putByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  void putBoolean(boolean value) {
    putByte(value ? 1 : 0);
  }

  void putInt(int value) {
    ensure(4);
    bytes[size++] = (byte) (value >>> 24);
    bytes[size++] = (byte) (value >>> 16);
    bytes[size++] = (byte) (value >>> 8);
    bytes[size++] = (byte) value;
  }

  void putLong(long value) {
    putInt((int) (value >>> 32));
    putInt((int) value);
  }

  void putBytes(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  void putZeros(int count) {
    ensure(count);
    Arrays.fill(bytes, size, size + count, (byte) 0);
    size += count;
  }

  /**
   * As {@code DataOutputStream.writeUTF}: two bytes of length, then each char in one byte (1 to
   * 0x7F), two (0 and up to 0x7FF) or three; more than 65,535 bytes is an error and writes nothing.
   */
  void putUtf(String value) throws UTFDataFormatException {
    byte[] known = ENCODED.get(value);
    if (known != null) {
      putBytes(known);
      return;
    }
    int start = size;
    ensure(2 + value.length());
    size += 2;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != 0 && c < 0x80) {
        ensure(1);
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        ensure(2);
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else {
        ensure(3);
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    int length = size - start - 2;
    if (length > 0xFFFF) {
      size = start;
      throw new UTFDataFormatException("encoded string too long: " + length + " bytes");
    }
    bytes[start] = (byte) (length >>> 8);
    bytes[start + 1] = (byte) length;
    if (value.length() <= MAX_KEPT_CHARS && ENCODED.size() < MAX_KEPT) {
      ENCODED.put(value, Arrays.copyOfRange(bytes, start, size));
    }
  }

  /** Overwrites four bytes at {@code offset} (a header written once the body is known). */
  void setInt(int offset, int value) {
    bytes[offset] = (byte) (value >>> 24);
    bytes[offset + 1] = (byte) (value >>> 16);
    bytes[offset + 2] = (byte) (value >>> 8);
    bytes[offset + 3] = (byte) value;
  }

  /** The array as written so far, shared: read it before writing more. */
  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }
}
