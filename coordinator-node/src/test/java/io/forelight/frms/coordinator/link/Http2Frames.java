package io.forelight.frms.coordinator.link;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** HTTP/2 frames read from the bytes of one direction of a connection, for tests of the wire. */
record Http2Frames(List<Frame> frames) {

  static final int HEADERS = 0x1;
  static final int SETTINGS = 0x4;
  static final int ACK = 0x1;

  /** The client's connection preface, before its first frame. */
  private static final int PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".length();

  record Frame(int type, int flags, int stream, byte[] payload) {

    boolean is(int frameType) {
      return type == frameType;
    }

    boolean isAck() {
      return type == SETTINGS && (flags & ACK) != 0;
    }

    /** The first byte of a HEADERS frame's header block (after any padding length or priority). */
    int firstOfBlock() {
      int at = ((flags & 0x8) != 0 ? 1 : 0) + ((flags & 0x20) != 0 ? 5 : 0);
      return payload[at] & 0xff;
    }

    /** The value of setting {@code id} in a SETTINGS frame, or -1 when it has none. */
    long setting(int id) {
      ByteBuffer settings = ByteBuffer.wrap(payload);
      while (settings.remaining() >= 6) {
        int identifier = settings.getShort() & 0xffff;
        long value = settings.getInt() & 0xffffffffL;
        if (identifier == id) {
          return value;
        }
      }
      return -1;
    }
  }

  /** The whole frames in {@code bytes} sent by a client (after its preface) or a server. */
  static Http2Frames read(byte[] bytes, boolean fromClient) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(fromClient ? Math.min(PREFACE, bytes.length) : 0);
    List<Frame> frames = new ArrayList<>();
    while (in.remaining() >= 9) {
      int length = (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
      int type = in.get() & 0xff;
      int flags = in.get() & 0xff;
      int stream = in.getInt() & 0x7fffffff;
      if (in.remaining() < length) {
        break;
      }
      byte[] payload = new byte[length];
      in.get(payload);
      frames.add(new Frame(type, flags, stream, payload));
    }
    return new Http2Frames(frames);
  }

  /** The frames after the {@code n}-th (1-based) that matches, none if fewer match. */
  List<Frame> after(int n, Predicate<Frame> matching) {
    int seen = 0;
    for (int i = 0; i < frames.size(); i++) {
      if (matching.test(frames.get(i)) && ++seen == n) {
        return frames.subList(i + 1, frames.size());
      }
    }
    return List.of();
  }
}
