package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.FleetIdentity;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * One connection of a link to its reactor: a fresh gRPC client, the calls of the link protocol with
 * their timeouts, and at most one running reading stream. Closing it ends both.
 */
final class ReactorConnection implements AutoCloseable {

  private final ReactorEntry reactor;
  private final LinkSettings settings;
  private final ActorSystem<?> system;
  private final LinkClient client;
  private final CompletionStage<String> fleetId;
  private final CertificateRenewal certificate;
  private ReadingCall stream;

  ReactorConnection(ReactorEntry reactor, LinkSettings settings, ActorSystem<?> system) {
    this.reactor = reactor;
    this.settings = settings;
    this.system = system;
    this.certificate = new CertificateRenewal(reactor, system);
    this.client = LinkClients.create(reactor, system, certificate::shown);
    this.fleetId = FleetIdentity.get(system).id();
  }

  /**
   * Why this coordinator may not stream from, acknowledge to or command the described reactor: it
   * belongs to another fleet. Empty when it belongs to ours or to none yet.
   */
  Optional<String> foreignFleet(ReactorDescription description) {
    String ours = fleetId.toCompletableFuture().getNow("");
    String theirs = description.getFleetId();
    if (theirs.isEmpty() || theirs.equals(ours)) {
      return Optional.empty();
    }
    return Optional.of(
        "reactor "
            + reactor.id()
            + " belongs to fleet "
            + theirs
            + ", not to this coordinator's fleet "
            + ours
            + ": it refuses our streams, acknowledgements and commands (is the fleet file of"
            + " another cluster pointing at it?)");
  }

  /** Describes the reactor, once this fleet's id is known (every later call names it). */
  CompletionStage<ReactorDescription> describe() {
    return knownFleet()
        .thenCompose(
            fleet ->
                timed(
                    "describe",
                    client.describe(
                        DescribeRequest.newBuilder().setReactorId(reactor.id()).build())));
  }

  CompletionStage<Done> acknowledge(Map<String, Long> stored, Map<String, String> incarnations) {
    if (stored.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return knownFleet()
        .thenCompose(
            fleet ->
                timed(
                    "acknowledge",
                    client.acknowledge(
                        AcknowledgeRequest.newBuilder()
                            .setReactorId(reactor.id())
                            .setFleetId(fleet)
                            .addAllStored(LinkProtocol.toProto(stored, incarnations))
                            .build())))
        .thenApply(reply -> Done.getInstance());
  }

  CompletionStage<CommandReply> apply(PendingCommand command) {
    Duration timeout =
        command.command() instanceof ReactorCommand.CalibrateProbe
            ? CALIBRATION_TIMEOUT
            : settings.callTimeout();
    return knownFleet()
        .thenCompose(
            fleet ->
                client
                    .applyCommand(
                        LinkProtocol.toProto(reactor.id(), command).toBuilder()
                            .setFleetId(fleet)
                            .build())
                    .toCompletableFuture()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /**
   * Starts the reading stream from these positions (in these log incarnations); completes when it
   * ends (or fails).
   */
  CompletionStage<Done> stream(
      Map<String, Long> after, Map<String, String> incarnations, ReadingPipeline.Hooks hooks) {
    StreamReadingsRequest request =
        StreamReadingsRequest.newBuilder()
            .setReactorId(reactor.id())
            .setFleetId(fleetId.toCompletableFuture().getNow(""))
            .addAllAfter(LinkProtocol.toProto(after, incarnations))
            .setMaxBatchSize(settings.maxBatchSize())
            .setMaxLingerMillis((int) settings.maxLinger().toMillis())
            .build();
    stream = ReadingPipeline.run(client, request, settings, hooks, system);
    return stream.ended();
  }

  /** Renews the reactor's link certificate if it is due (see {@link CertificateRenewal}). */
  void renewCertificateIfDue() {
    certificate.renewIfDue();
  }

  boolean streaming() {
    return stream != null;
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.shutdown();
      stream = null;
    }
    client.close();
  }

  /**
   * This fleet's id, or a failure naming why the link waits (after one call timeout), so the link
   * backs off and shows it rather than hanging while the keyspace cannot be reached.
   */
  private CompletionStage<String> knownFleet() {
    return fleetId
        .toCompletableFuture()
        .copy()
        .orTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            error ->
                CompletableFuture.failedFuture(
                    new IllegalStateException(
                        "this coordinator does not know its fleet id yet (it reads it from the"
                            + " Cassandra keyspace; is Cassandra reachable?)",
                        error)));
  }

  /**
   * A calibration point keeps the probe busy for 1-2 s (the reactor allows its driver 15 s): its
   * call may take that long before the reactor answers.
   */
  static final Duration CALIBRATION_TIMEOUT = Duration.ofSeconds(20);

  /** The call, failed with a TimeoutException naming it if unanswered within the call timeout. */
  private <T> CompletionStage<T> timed(String name, CompletionStage<T> call) {
    long millis = settings.callTimeout().toMillis();
    return call.toCompletableFuture()
        .orTimeout(millis, TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            error ->
                CompletableFuture.failedFuture(
                    (error instanceof CompletionException ? error.getCause() : error)
                            instanceof TimeoutException
                        ? new TimeoutException(
                            reactor.id() + " did not answer " + name + " within " + millis + " ms")
                        : error));
  }
}
