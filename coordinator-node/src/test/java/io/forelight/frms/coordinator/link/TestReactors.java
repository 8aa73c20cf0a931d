package io.forelight.frms.coordinator.link;

import io.forelight.frms.link.v1.AcknowledgeReply;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkService;
import io.forelight.frms.link.v1.ReactorLinkServiceHandlerFactory;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.javadsl.Source;

/** The reactor's side of the link protocol for link tests, served over real gRPC on loopback. */
final class TestReactors {

  private TestReactors() {}

  /** A reactor that describes itself as {@code id} with no sensors and answers the rest empty. */
  static ReactorLinkService describing(String id) {
    return new ReactorLinkService() {
      @Override
      public CompletionStage<ReactorDescription> describe(DescribeRequest in) {
        return CompletableFuture.completedFuture(
            ReactorDescription.newBuilder().setReactorId(id).build());
      }

      @Override
      public Source<ReadingBatch, NotUsed> streamReadings(StreamReadingsRequest in) {
        return Source.empty();
      }

      @Override
      public CompletionStage<AcknowledgeReply> acknowledge(AcknowledgeRequest in) {
        return CompletableFuture.completedFuture(AcknowledgeReply.getDefaultInstance());
      }

      @Override
      public CompletionStage<CommandReply> applyCommand(CommandRequest in) {
        return CompletableFuture.completedFuture(CommandReply.getDefaultInstance());
      }
    };
  }

  /** Serves {@code reactor} on a free loopback port (HTTP/2 must be on in {@code system}). */
  static ServerBinding serve(ReactorLinkService reactor, ActorSystem<?> system) throws Exception {
    return Http.get(system)
        .newServerAt("127.0.0.1", 0)
        .bind(ReactorLinkServiceHandlerFactory.create(reactor, system))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
