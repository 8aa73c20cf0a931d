package io.forelight.frms.devkit.cassandra;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

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
    return answers(port, timeoutMillis, Optional.empty());
  }

  /**
   * As {@link #answers(int, int)}; with {@code security} over TLS, trusting the certificate of the
   * node's own keystore.
   */
  static boolean answers(
      int port, int timeoutMillis, Optional<CassandraSettings.ClientSecurity> security) {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
      Socket socket = security.isPresent() ? overTls(plain, port, security.get()) : plain;
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {PROTOCOL_V4_REQUEST, 0, 0, 1, OPCODE_OPTIONS, 0, 0, 0, 0});
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[9];
      in.readFully(header);
      return header[0] == PROTOCOL_V4_RESPONSE && header[4] == OPCODE_SUPPORTED;
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  private static Socket overTls(Socket plain, int port, CassandraSettings.ClientSecurity security)
      throws IOException, GeneralSecurityException {
    KeyStore keystore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(security.keystore())) {
      keystore.load(in, security.password().toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keystore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
    socket.startHandshake();
    return socket;
  }
}
