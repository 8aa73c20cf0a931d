package io.forelight.frms.devkit.cassandra;

import io.forelight.frms.devkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how an embedded Cassandra runs: its data directory (config, data, commit log and logs
 * all go under it), the CQL port clients use, the storage (gossip) port, and the heap size.
 */
public record CassandraSettings(
    Path dataDir, int cqlPort, int storagePort, int heapMb, Optional<ClientSecurity> security) {

  /**
   * Clients must log in (PasswordAuthenticator: the default superuser {@code cassandra} / {@code
   * cassandra}) and speak TLS to the CQL port, with the key and certificate in {@code keystore}
   * (PKCS12) under {@code password}.
   */
  public record ClientSecurity(Path keystore, String password) {

    /**
     * A new RSA key and self-signed certificate for 127.0.0.1 in {@code dir/cassandra.p12}, made
     * with the JDK's keytool; the file serves the driver as its trust store as well.
     */
    public static ClientSecurity selfSigned(Path dir, String password) {
      Path keystore = dir.resolve("cassandra.p12");
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
              "-genkeypair",
              "-alias",
              "cassandra",
              "-keyalg",
              "RSA",
              "-keysize",
              "2048",
              "-dname",
              "CN=127.0.0.1",
              "-ext",
              "SAN=ip:127.0.0.1",
              "-validity",
              "2",
              "-storetype",
              "PKCS12",
              "-keystore",
              keystore.toString(),
              "-storepass",
              password,
              "-keypass",
              password);
      try {
        Files.createDirectories(dir);
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
          throw new CassandraStartException("keytool could not make " + keystore + ": " + output);
        }
      } catch (IOException e) {
        throw new CassandraStartException("cannot run keytool: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CassandraStartException("interrupted while making " + keystore);
      }
      return new ClientSecurity(keystore, password);
    }
  }

  public CassandraSettings(Path dataDir, int cqlPort, int storagePort, int heapMb) {
    this(dataDir, cqlPort, storagePort, heapMb, Optional.empty());
  }

  /** These settings with clients required to log in over TLS. */
  public CassandraSettings withClientSecurity(ClientSecurity clientSecurity) {
    return new CassandraSettings(
        dataDir, cqlPort, storagePort, heapMb, Optional.of(clientSecurity));
  }

  public static final int DEFAULT_HEAP_MB = 512;

  public CassandraSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    checkPort("cqlPort", cqlPort);
    checkPort("storagePort", storagePort);
    if (cqlPort == storagePort) {
      throw new IllegalArgumentException(
          "Cassandra needs two different ports, but cqlPort and storagePort are both " + cqlPort);
    }
    Objects.requireNonNull(security, "security");
    if (heapMb < 256) {
      throw new IllegalArgumentException(
          "Cassandra heap must be at least 256 MB, got " + heapMb + " MB");
    }
  }

  /** Settings with free ports picked now and the default heap. */
  public static CassandraSettings withFreePorts(Path dataDir) {
    return new CassandraSettings(dataDir, FreePorts.pick(), FreePorts.pick(), DEFAULT_HEAP_MB);
  }

  private static void checkPort(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 1..65535, got " + port);
    }
  }
}
