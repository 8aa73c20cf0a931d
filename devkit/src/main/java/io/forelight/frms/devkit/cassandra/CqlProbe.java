package io.forelight.frms.devkit.cassandra;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Asks a CQL port whether a Cassandra answers on it, with the protocol's OPTIONS request (no driver
 * needed): a native-protocol v4 header with opcode OPTIONS must come back as SUPPORTED.
 */
final class CqlProbe {

  private static final byte PROTOCOL_V4_REQUEST = 0x04;
  private static final byte PROTOCOL_V4_RESPONSE = (byte) 0x84;
  private static final byte OPCODE_OPTIONS = 0x05;
  private static final byte OPCODE_SUPPORTED = 0x06;

  private CqlProbe() {}

  static boolean answers(int port, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {PROTOCOL_V4_REQUEST, 0, 0, 1, OPCODE_OPTIONS, 0, 0, 0, 0});
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[9];
      in.readFully(header);
      return header[0] == PROTOCOL_V4_RESPONSE && header[4] == OPCODE_SUPPORTED;
    } catch (IOException e) {
      return false;
    }
  }
}
