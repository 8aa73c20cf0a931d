package io.forelight.frms.coordinator.link;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcChannel;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.internal.JavaServerStreamingRequestBuilder;
import org.apache.pekko.grpc.internal.JavaUnaryRequestBuilder;
import org.apache.pekko.grpc.internal.NettyClientUtils;
import org.apache.pekko.grpc.javadsl.SingleResponseRequestBuilder;
import org.apache.pekko.grpc.javadsl.StreamResponseRequestBuilder;
import scala.concurrent.ExecutionContext;

/**
 * A gRPC channel to a reactor, owned by one client and closed with it, and the calls made over it
 * the way Pekko gRPC's generated clients make them (same request builders and call options). The
 * generated clients register a callback on the actor system's termination for every client and
 * never remove it, so each closed client stays reachable with its channel until the node stops;
 * {@link CertificateClient} uses this instead and registers nothing ({@link LinkClient} has a
 * grpc-java channel of its own, {@link LinkChannel}). A channel still open when the actor system
 * stops is closed by Pekko gRPC, which tracks open channels.
 */
final class OwnedChannel {

  private final GrpcChannel channel;
  private final GrpcClientSettings settings;
  private final CallOptions options;
  private final ExecutionContext dispatcher;

  OwnedChannel(GrpcClientSettings settings, ActorSystem<?> system) {
    this.channel = GrpcChannel.apply(settings, system);
    this.settings = settings;
    this.options = NettyClientUtils.callOptions(settings);
    this.dispatcher = system.executionContext();
  }

  <I, O> SingleResponseRequestBuilder<I, O> unary(MethodDescriptor<I, O> method) {
    return new JavaUnaryRequestBuilder<>(
        method, channel.internalChannel(), options, settings, dispatcher);
  }

  <I, O> StreamResponseRequestBuilder<I, O> serverStreaming(MethodDescriptor<I, O> method) {
    return new JavaServerStreamingRequestBuilder<>(
        method, channel.internalChannel(), options, settings, dispatcher);
  }

  CompletionStage<Done> close() {
    return channel.closeCS();
  }

  CompletionStage<Done> closed() {
    return channel.closedCS();
  }

  /**
   * A method of {@code service}, its messages marshalled by grpc-java's protobuf marshaller: it
   * writes a request straight into the frame and parses a response from a buffer of its exact size.
   * (The generated clients' marshaller copies each request through a new 8 KB buffer and parses
   * each response through a new 4 KB one: the largest share of what a coordinator allocated.)
   */
  static <I extends Message, O extends Message> MethodDescriptor<I, O> method(
      MethodDescriptor.MethodType type, String service, String method, I request, O response) {
    return MethodDescriptor.<I, O>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .setSampledToLocalTracing(true)
        .build();
  }
}
