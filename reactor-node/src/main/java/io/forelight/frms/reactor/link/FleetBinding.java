package io.forelight.frms.reactor.link;

import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.pekko.grpc.GrpcServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet this reactor belongs to: configured ({@code frms.reactor.link.fleet-id}), or taken from
 * the first coordinator that streams, acknowledges or commands with a fleet id and kept in the file
 * {@code fleet-id} in the data directory. Once bound, calls that may delete readings or change the
 * reactor are answered only for that fleet: another fleet id, or none, is PERMISSION_DENIED naming
 * this reactor's fleet. Unbound, calls without a fleet id (coordinators before fleet ids) are
 * served as before.
 */
public final class FleetBinding {

  private static final Logger log = LoggerFactory.getLogger(FleetBinding.class);
  static final String FILE = "fleet-id";

  private final Path file;
  private volatile String fleetId;

  private FleetBinding(Path file, String fleetId) {
    this.file = file;
    this.fleetId = fleetId;
  }

  /** The configured fleet, or the one kept in {@code dataDir}, or none yet. */
  public static FleetBinding load(String configured, Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!configured.isBlank()) {
      return new FleetBinding(file, configured.strip());
    }
    try {
      String kept =
          Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
      return new FleetBinding(file, kept);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the reactor's fleet id from " + file, e);
    }
  }

  /** The fleet this reactor belongs to, if it belongs to one yet. */
  Optional<String> fleetId() {
    return fleetId.isEmpty() ? Optional.empty() : Optional.of(fleetId);
  }

  /**
   * Passes a call from {@code callerFleet}, binding this reactor to it if it belongs to no fleet
   * yet; fails with PERMISSION_DENIED for any other fleet.
   */
  synchronized void check(String callerFleet) {
    if (fleetId.isEmpty()) {
      if (!callerFleet.isBlank()) {
        bind(callerFleet.strip());
      }
      return;
    }
    if (!fleetId.equals(callerFleet)) {
      throw new GrpcServiceException(
          Status.PERMISSION_DENIED.withDescription(
              "this reactor belongs to fleet "
                  + fleetId
                  + (callerFleet.isBlank()
                      ? "; the call names no fleet"
                      : ", not to fleet " + callerFleet)));
    }
  }

  private void bind(String id) {
    Path temporary = file.resolveSibling(FILE + ".new");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel out =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new GrpcServiceException(
          Status.UNAVAILABLE.withDescription("cannot keep the fleet id " + id + ": " + e));
    }
    fleetId = id;
    log.info("this reactor belongs to fleet {} from now on (kept in {})", id, file);
  }
}
