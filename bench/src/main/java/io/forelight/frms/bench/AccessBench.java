package io.forelight.frms.bench;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.access.AccessSettings;
import io.forelight.frms.coordinator.access.Authenticator;
import io.forelight.frms.coordinator.access.Passwords;
import io.forelight.frms.coordinator.access.Role;
import io.forelight.frms.coordinator.access.SessionStore;
import io.forelight.frms.coordinator.access.TokenStore;
import io.forelight.frms.coordinator.access.User;
import io.forelight.frms.coordinator.access.UserStore;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.ReactorSpec;
import io.forelight.frms.devstack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What logging in and checking who asks cost on this machine: an Argon2id hash and check (the CPU
 * of one login), and the check every request passes through ({@link Authenticator}) against a real
 * Cassandra: always read (recheck-after 0), and as configured (read at most every 2 s per
 * credential, {@code --rate} requests per second for {@code --seconds}); then the whole request the
 * check is part of, GET latest from a coordinator started from its jar.
 */
final class AccessBench {

  private AccessBench() {}

  static void run(Bench.Options options) throws Exception {
    int hashes = options.integer("hashes", 20);
    int reads = options.integer("reads", 2000);
    int rate = options.integer("rate", 200);
    int seconds = options.integer("seconds", 20);

    Percentiles hashing = new Percentiles(hashes);
    Percentiles checking = new Percentiles(hashes);
    String hash = null;
    for (int i = 0; i < hashes; i++) {
      long started = System.nanoTime();
      hash = Passwords.hash("a password of the bench " + i);
      hashing.add(System.nanoTime() - started);
      started = System.nanoTime();
      if (!Passwords.matches("a password of the bench " + i, hash)) {
        throw new IllegalStateException("the hash does not match");
      }
      checking.add(System.nanoTime() - started);
    }
    System.out.printf(
        "Argon2id: hash p50 %.1f ms, check p50 %.1f ms%n",
        hashing.percentile(50) / 1e6, checking.percentile(50) / 1e6);

    try (Stack stack = new Stack(Files.createTempDirectory("frms-access"))) {
      stack.startCassandra(
          FreePorts.pick(), FreePorts.pick(), options.integer("cassandra-heap-mb", 1024));
      ActorSystem<Void> system = LocalCoordinatorSystem.start("access", stack, "frms_access");
      try {
        Statements statements = Guardian.statements(system);
        statements.schema().toCompletableFuture().get(120, TimeUnit.SECONDS);
        UserStore users = new UserStore(statements);
        Instant now = Instant.now();
        User user = User.created("bench", "Bench", Set.of(Role.OPERATOR), "", hash, "bench", now);
        retried(() -> users.create(user).toCompletableFuture().join());
        SessionStore sessions = new SessionStore(statements, settings(Duration.ZERO));
        TokenStore tokens = new TokenStore(statements);
        String session = retried(() -> sessions.open("bench").toCompletableFuture().join().token());
        String token =
            tokens
                .issue("bench", Role.VIEWER, "bench", "bench", Duration.ofHours(1))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS)
                .token();

        Authenticator uncached =
            new Authenticator(users, sessions, tokens, settings(Duration.ZERO));
        Percentiles sessionRead =
            time(reads, () -> uncached.bySession(session).toCompletableFuture().join());
        Percentiles tokenRead =
            time(reads, () -> uncached.byToken(token).toCompletableFuture().join());

        Authenticator configured =
            new Authenticator(users, sessions, tokens, settings(Duration.ofSeconds(2)));
        Percentiles asConfigured = new Percentiles(rate * seconds);
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
          while (System.nanoTime() < next) {
            Thread.onSpinWait();
          }
          next += interval;
          long started = System.nanoTime();
          if (configured.bySession(session).toCompletableFuture().join().isEmpty()) {
            throw new IllegalStateException("the session was not recognised");
          }
          asConfigured.add(System.nanoTime() - started);
        }

        Percentiles endToEnd = latestEndToEnd(stack, options.integer("gets", 2000), rate);

        new Report("access", "Logging in and checking who asks")
            .add(
                "Argon2id hash (making or changing a password), p50",
                hashing.percentile(50) / 1e6,
                "ms")
            .add("Argon2id hash, p99", hashing.percentile(99) / 1e6, "ms")
            .add("Argon2id check (one login), p50", checking.percentile(50) / 1e6, "ms")
            .add("Argon2id check, p99", checking.percentile(99) / 1e6, "ms")
            .add(
                "session check read from Cassandra every time, p50",
                sessionRead.percentile(50) / 1e3,
                "µs")
            .add(
                "session check read from Cassandra every time, p99",
                sessionRead.percentile(99) / 1e3,
                "µs")
            .add(
                "token check read from Cassandra every time, p50",
                tokenRead.percentile(50) / 1e3,
                "µs")
            .add(
                "token check read from Cassandra every time, p99",
                tokenRead.percentile(99) / 1e3,
                "µs")
            .add(
                "session check as configured (recheck-after 2s), " + rate + " req/s, p50",
                asConfigured.percentile(50) / 1e3,
                "µs")
            .add("session check as configured, p99", asConfigured.percentile(99) / 1e3, "µs")
            .add("session check as configured, p99.9", asConfigured.percentile(99.9) / 1e3, "µs")
            .add(
                "GET /api/reactors/{id}/latest from the jars with a token, " + rate + " req/s, p50",
                endToEnd.percentile(50) / 1e3,
                "µs")
            .add(
                "GET /api/reactors/{id}/latest with a token, p99",
                endToEnd.percentile(99) / 1e3,
                "µs")
            .publish(options);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
  }

  /**
   * The whole request the check is part of: a coordinator and one simulated reactor started from
   * the jars, {@code gets} calls of GET latest with an API token at {@code rate} per second.
   */
  private static Percentiles latestEndToEnd(Stack stack, int gets, int rate) throws Exception {
    int reactorPort = FreePorts.pick();
    stack.startReactor(ReactorSpec.standard("bench-reactor", reactorPort, "1s"));
    int clusterPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    stack.startCoordinator(
        new CoordinatorSpec(
            "bench-coordinator",
            httpPort,
            FreePorts.pick(),
            clusterPort,
            List.of("pekko://frms@127.0.0.1:" + clusterPort),
            stack.cassandraContactPoint(),
            "frms_access_e2e",
            stack.writeFleet(Map.of("bench-reactor", "127.0.0.1:" + reactorPort)),
            ""));
    CoordinatorApi api = new CoordinatorApi(httpPort);
    String path = "/api/reactors/bench-reactor/latest";
    Await.until(
        Duration.ofSeconds(180),
        "the coordinator serves the reactor's latest readings",
        () -> api.get(path).map(latest -> latest.size() > 0).orElse(false));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .header("Authorization", "Bearer " + api.token())
            .build();
    for (int i = 0; i < 200; i++) {
      http.send(request, HttpResponse.BodyHandlers.discarding()); // warm up
    }
    Percentiles latencies = new Percentiles(gets);
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < gets; i++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      next += interval;
      long started = System.nanoTime();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      latencies.add(System.nanoTime() - started);
      if (status != 200) {
        throw new IllegalStateException("GET latest answered " + status);
      }
    }
    return latencies;
  }

  private static AccessSettings settings(Duration recheckAfter) {
    return new AccessSettings(
        "",
        "unused",
        Duration.ofMinutes(30),
        Duration.ofHours(12),
        recheckAfter,
        Duration.ofDays(365),
        5,
        Duration.ofSeconds(1),
        Duration.ofMinutes(15));
  }

  private static Percentiles time(int count, Runnable call) {
    for (int i = 0; i < Math.min(200, count); i++) {
      call.run(); // warm up
    }
    Percentiles percentiles = new Percentiles(count);
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      call.run();
      percentiles.add(System.nanoTime() - started);
    }
    return percentiles;
  }

  /** A fresh session may find Cassandra still connecting: try again for a while. */
  private static <T> T retried(Supplier<T> call) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= 30) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }
}
