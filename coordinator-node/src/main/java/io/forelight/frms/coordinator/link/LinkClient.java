package io.forelight.frms.coordinator.link;

import static io.forelight.frms.link.v1.ReactorLinkService.Serializers.*;

import com.google.protobuf.Message;
import io.forelight.frms.link.v1.AcknowledgeReply;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.grpc.GrpcChannel;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.apache.pekko.grpc.ProtobufSerializer;
import org.apache.pekko.grpc.internal.JavaServerStreamingRequestBuilder;
import org.apache.pekko.grpc.internal.JavaUnaryRequestBuilder;
import org.apache.pekko.grpc.internal.NettyClientUtils;
import org.apache.pekko.grpc.internal.ProtoMarshaller;
import org.apache.pekko.grpc.javadsl.SingleResponseRequestBuilder;
import org.apache.pekko.grpc.javadsl.StreamResponseRequestBuilder;
import org.apache.pekko.stream.javadsl.Source;
import scala.concurrent.ExecutionContext;

/**
 * A client of a reactor's link service that leaves nothing behind once closed. The client Pekko
 * gRPC generates ({@code ReactorLinkServiceClient.create}) registers a callback on the actor
 * system's termination for every client it makes and never removes it, so each client with its
 * channel (subchannels, transports, name resolver, tracers: ~10 KB) stays reachable until the node
 * stops. The link makes a client per connection attempt: a minute after 1,000 reactors started, a
 * coordinator held 10,684 of them. This one makes the same calls (the same descriptors, builders
 * and call options) over a channel it owns and registers nothing; the channel itself is closed on
 * {@link #close()} or, if still open, by Pekko gRPC when the actor system stops.
 */
final class LinkClient extends ReactorLinkServiceClient {

  private static final String SERVICE = "frms.link.v1.ReactorLinkService";
  private static final MethodDescriptor<DescribeRequest, ReactorDescription> DESCRIBE =
      unary("Describe", DescribeRequestSerializer, ReactorDescriptionSerializer);
  private static final MethodDescriptor<StreamReadingsRequest, ReadingBatch> STREAM_READINGS =
      descriptor(
          MethodDescriptor.MethodType.SERVER_STREAMING,
          "StreamReadings",
          StreamReadingsRequestSerializer,
          ReadingBatchSerializer);
  private static final MethodDescriptor<AcknowledgeRequest, AcknowledgeReply> ACKNOWLEDGE =
      unary("Acknowledge", AcknowledgeRequestSerializer, AcknowledgeReplySerializer);
  private static final MethodDescriptor<CommandRequest, CommandReply> APPLY_COMMAND =
      unary("ApplyCommand", CommandRequestSerializer, CommandReplySerializer);

  private final GrpcChannel channel;
  private final GrpcClientSettings settings;
  private final CallOptions options;
  private final ExecutionContext dispatcher;

  private LinkClient(GrpcClientSettings settings, ActorSystem<?> system) {
    this.channel = GrpcChannel.apply(settings, system);
    this.settings = settings;
    this.options = NettyClientUtils.callOptions(settings);
    this.dispatcher = system.executionContext();
  }

  static LinkClient create(GrpcClientSettings settings, ActorSystem<?> system) {
    return new LinkClient(settings, system);
  }

  @Override
  public CompletionStage<ReactorDescription> describe(DescribeRequest request) {
    return describe().invoke(request);
  }

  @Override
  public SingleResponseRequestBuilder<DescribeRequest, ReactorDescription> describe() {
    return new JavaUnaryRequestBuilder<>(
        DESCRIBE, channel.internalChannel(), options, settings, dispatcher);
  }

  @Override
  public Source<ReadingBatch, NotUsed> streamReadings(StreamReadingsRequest request) {
    return streamReadings().invoke(request);
  }

  @Override
  public StreamResponseRequestBuilder<StreamReadingsRequest, ReadingBatch> streamReadings() {
    return new JavaServerStreamingRequestBuilder<>(
        STREAM_READINGS, channel.internalChannel(), options, settings, dispatcher);
  }

  @Override
  public CompletionStage<AcknowledgeReply> acknowledge(AcknowledgeRequest request) {
    return acknowledge().invoke(request);
  }

  @Override
  public SingleResponseRequestBuilder<AcknowledgeRequest, AcknowledgeReply> acknowledge() {
    return new JavaUnaryRequestBuilder<>(
        ACKNOWLEDGE, channel.internalChannel(), options, settings, dispatcher);
  }

  @Override
  public CompletionStage<CommandReply> applyCommand(CommandRequest request) {
    return applyCommand().invoke(request);
  }

  @Override
  public SingleResponseRequestBuilder<CommandRequest, CommandReply> applyCommand() {
    return new JavaUnaryRequestBuilder<>(
        APPLY_COMMAND, channel.internalChannel(), options, settings, dispatcher);
  }

  @Override
  public CompletionStage<Done> close() {
    return channel.closeCS();
  }

  @Override
  public CompletionStage<Done> closed() {
    return channel.closedCS();
  }

  private static <I extends Message, O extends Message> MethodDescriptor<I, O> unary(
      String method, ProtobufSerializer<I> request, ProtobufSerializer<O> response) {
    return descriptor(MethodDescriptor.MethodType.UNARY, method, request, response);
  }

  private static <I extends Message, O extends Message> MethodDescriptor<I, O> descriptor(
      MethodDescriptor.MethodType type,
      String method,
      ProtobufSerializer<I> request,
      ProtobufSerializer<O> response) {
    return MethodDescriptor.<I, O>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
        .setRequestMarshaller(new ProtoMarshaller<>(request))
        .setResponseMarshaller(new ProtoMarshaller<>(response))
        .setSampledToLocalTracing(true)
        .build();
  }
}
