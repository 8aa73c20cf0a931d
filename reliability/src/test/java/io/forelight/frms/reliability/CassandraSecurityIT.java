package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.cassandra.CassandraSettings;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.ReactorSpec;
import io.forelight.frms.devstack.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's Cassandra client over TLS with a login, configured as the README says (the
 * DataStax driver's {@code advanced.ssl-engine-factory} and {@code advanced.auth-provider}), from
 * the jars against a Cassandra that requires both: a reactor's readings are stored. A coordinator
 * with a wrong password stores nothing and its log says the login was refused.
 */
class CassandraSecurityIT {

  private static final String PASSWORD = "store-secret";

  @Test
  void theCoordinatorStoresOverTlsWithALoginAndAWrongPasswordIsNamed(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    try (Stack stack = new Stack(dir)) {
      CassandraSettings.ClientSecurity security =
          CassandraSettings.ClientSecurity.selfSigned(dir.resolve("cassandra-tls"), PASSWORD);
      stack.startCassandra(
          CassandraSettings.withFreePorts(dir.resolve("cassandra")).withClientSecurity(security));
      int port = FreePorts.pick();
      stack.startReactor(ReactorSpec.standard("reactor-01", port, "500ms"));
      Path fleet = stack.writeFleet(Map.of("reactor-01", "127.0.0.1:" + port));

      int httpPort = FreePorts.pick();
      stack.startCoordinator(
          CoordinatorSpec.alone(
                  "coordinator", httpPort, stack.cassandraContactPoint(), "frms_secure", fleet)
              .withExtraConfig(driverConfig(security, "cassandra")));
      CoordinatorApi api = new CoordinatorApi(httpPort);
      Await.until(
          Duration.ofSeconds(180),
          () -> "reactor-01's readings are stored over TLS with a login",
          () -> api.latest("reactor-01").map(l -> l.path("sensors").size() == 3).orElse(false));

      int wrongPort = FreePorts.pick();
      Path noReactors = java.nio.file.Files.writeString(dir.resolve("none.conf"), "reactors {}\n");
      Stack.RunningNode wrong =
          stack.startCoordinator(
              CoordinatorSpec.alone(
                      "coordinator-wrong-password",
                      wrongPort,
                      stack.cassandraContactPoint(),
                      "frms_secure_other",
                      noReactors)
                  .withExtraConfig(driverConfig(security, "not-the-password")));
      Await.until(
          Duration.ofSeconds(120),
          () -> "the refused login is named:\n" + wrong.process().logTail(20),
          () ->
              wrong.process().log().contains("Authentication error")
                  || wrong.process().log().contains("Provided username cassandra and/or password"));
      assertTrue(wrong.process().isAlive(), "it waits for Cassandra, it does not crash");
    }
  }

  /** The driver settings the README gives, with the self-signed certificate as trust store. */
  private static String driverConfig(CassandraSettings.ClientSecurity security, String password) {
    return String.join(
        "\n",
        "datastax-java-driver.advanced.ssl-engine-factory {",
        "  class = DefaultSslEngineFactory",
        "  truststore-path = \"" + security.keystore() + "\"",
        "  truststore-password = \"" + security.password() + "\"",
        "  hostname-validation = false",
        "}",
        "datastax-java-driver.advanced.auth-provider {",
        "  class = PlainTextAuthProvider",
        "  username = cassandra",
        "  password = \"" + password + "\"",
        "}",
        "");
  }
}
