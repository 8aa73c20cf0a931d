package io.forelight.frms.reactor.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pekko.grpc.GrpcServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetBindingTest {

  @TempDir Path dataDir;

  @Test
  void theFirstFleetToCallIsKeptAndEveryOtherRefused() {
    FleetBinding binding = FleetBinding.load("", dataDir);
    binding.check(""); // a coordinator before fleet ids: served, binds nothing
    assertEquals(Optional.empty(), binding.fleetId());
    binding.check("fleet-a");
    assertEquals(Optional.of("fleet-a"), binding.fleetId());

    FleetBinding reloaded = FleetBinding.load("", dataDir);
    assertEquals(Optional.of("fleet-a"), reloaded.fleetId(), "kept across a restart");
    reloaded.check("fleet-a");
    assertRefused(reloaded, "fleet-b", "belongs to fleet fleet-a, not to fleet fleet-b");
    assertRefused(reloaded, "", "the call names no fleet");
  }

  @Test
  void aConfiguredFleetIsTheOnlyOne() {
    FleetBinding binding = FleetBinding.load("fleet-c", dataDir);
    assertRefused(binding, "fleet-a", "belongs to fleet fleet-c");
    binding.check("fleet-c");
    assertEquals(Optional.empty(), FleetBinding.load("", dataDir).fleetId(), "nothing written");
  }

  private static void assertRefused(FleetBinding binding, String caller, String text) {
    GrpcServiceException refused =
        assertThrows(GrpcServiceException.class, () -> binding.check(caller));
    assertEquals(Status.Code.PERMISSION_DENIED, refused.status().getCode());
    assertTrue(refused.status().getDescription().contains(text), refused.getMessage());
  }
}
