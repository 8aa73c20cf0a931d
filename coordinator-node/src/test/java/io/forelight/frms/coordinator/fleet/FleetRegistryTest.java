package io.forelight.frms.coordinator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.coordinator.reactor.Reactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.testkit.javadsl.TestEntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet registry keeps every reactor of the fleet file alive and tells one that left the file
 * (or that the store knows but the file does not) to stop its link; a bad file removes nothing.
 */
@ExtendWith(LogCapturingExtension.class)
class FleetRegistryTest {

  private static final TestKitJunitResource testKit = new TestKitJunitResource();
  private static final Duration KEEP_ALIVE = Duration.ofMillis(100);

  private final Map<String, TestProbe<Reactor.Command>> entities = new ConcurrentHashMap<>();

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  private TestProbe<Reactor.Command> entity(String id) {
    return entities.computeIfAbsent(id, unused -> testKit.createTestProbe());
  }

  private ActorRef<FleetRegistry.Command> registry(Path file, Set<String> formerReactors) {
    return testKit.spawn(
        FleetRegistry.create(
            file.toFile(),
            KEEP_ALIVE,
            id -> TestEntityRef.of(Reactor.ENTITY_KEY, id, entity(id).getRef()),
            () -> CompletableFuture.completedFuture(formerReactors)));
  }

  private static void write(Path file, String fleet) throws IOException {
    Files.writeString(file, fleet);
  }

  /** The next message to the entity that is not a keep-alive. */
  private Reactor.Command nextOtherThanEnsure(String id) {
    return entity(id)
        .fishForMessage(
            Duration.ofSeconds(3),
            message ->
                message instanceof Reactor.Ensure
                    ? FishingOutcomes.continueAndIgnore()
                    : FishingOutcomes.complete())
        .get(0);
  }

  @Test
  void aReactorThatLeftTheFileIsRemovedAtTheNextRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reactors.conf");
    write(
        file,
        "reactors { r1 { address = \"10.0.0.1:8101\" }, r2 { address = \"10.0.0.2:8101\" } }");
    ActorRef<FleetRegistry.Command> registry = registry(file, Set.of());
    assertEquals("r1", ((Reactor.Ensure) entity("r1").receiveMessage()).entry().id());
    assertEquals("r2", ((Reactor.Ensure) entity("r2").receiveMessage()).entry().id());

    write(file, "reactors { r1 { address = \"10.0.0.1:8101\" } }");
    TestProbe<FleetRegistry.Fleet> reloaded = testKit.createTestProbe();
    registry.tell(new FleetRegistry.Reload(reloaded.getRef()));
    reloaded.receiveMessage();
    assertEquals(new Reactor.Remove(), nextOtherThanEnsure("r2"));
    entity("r2").expectNoMessage(KEEP_ALIVE.multipliedBy(3));
    entity("r1").expectMessageClass(Reactor.Ensure.class);
  }

  @Test
  void aReactorTheStoreKnowsButTheFileDoesNotIsRemovedOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reactors.conf");
    write(file, "reactors { r1 { address = \"10.0.0.1:8101\" } }");
    registry(file, Set.of("r1", "gone"));
    assertEquals(new Reactor.Remove(), entity("gone").receiveMessage(Duration.ofSeconds(3)));
    entity("gone").expectNoMessage(KEEP_ALIVE.multipliedBy(3));
    entity("r1").expectMessageClass(Reactor.Ensure.class);
  }

  @Test
  void aBadFileKeepsTheLastGoodFleetAndRemovesNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reactors.conf");
    write(file, "reactors { r1 { address = \"10.0.0.1:8101\" } }");
    ActorRef<FleetRegistry.Command> registry = registry(file, Set.of());
    entity("r1").expectMessageClass(Reactor.Ensure.class);

    write(file, "reactors { r1 { adress = \"10.0.0.1:8101\" } }");
    TestProbe<FleetRegistry.Fleet> reloaded = testKit.createTestProbe();
    registry.tell(new FleetRegistry.Reload(reloaded.getRef()));
    FleetRegistry.Fleet fleet = reloaded.receiveMessage();
    assertEquals(1, fleet.reactors().size());
    for (int tick = 0; tick < 3; tick++) {
      assertEquals(
          Reactor.Ensure.class, entity("r1").receiveMessage().getClass(), "still kept alive");
    }
  }
}
