package io.forelight.frms.coordinator.link;

import com.google.protobuf.Message;
import io.forelight.frms.link.v1.AcknowledgeReply;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;

/**
 * The calls of the link protocol to one reactor, over a channel of its own ({@link LinkChannel})
 * that leaves nothing behind once closed. The link makes one per connection attempt. (With Pekko
 * gRPC's generated client, a minute after 1,000 reactors started a coordinator held 10,684 closed
 * ones with their channels: ~45 KB per reactor, growing with every reconnect.)
 */
final class LinkClient {

  private static final String SERVICE = "frms.link.v1.ReactorLinkService";

  static final MethodDescriptor<DescribeRequest, ReactorDescription> DESCRIBE =
      method(
          MethodType.UNARY,
          "Describe",
          DescribeRequest.getDefaultInstance(),
          ReactorDescription.getDefaultInstance());
  static final MethodDescriptor<StreamReadingsRequest, ReadingBatch> STREAM_READINGS =
      method(
          MethodType.SERVER_STREAMING,
          "StreamReadings",
          StreamReadingsRequest.getDefaultInstance(),
          ReadingBatch.getDefaultInstance());
  static final MethodDescriptor<AcknowledgeRequest, AcknowledgeReply> ACKNOWLEDGE =
      method(
          MethodType.UNARY,
          "Acknowledge",
          AcknowledgeRequest.getDefaultInstance(),
          AcknowledgeReply.getDefaultInstance());
  static final MethodDescriptor<CommandRequest, CommandReply> APPLY_COMMAND =
      method(
          MethodType.UNARY,
          "ApplyCommand",
          CommandRequest.getDefaultInstance(),
          CommandReply.getDefaultInstance());

  private final LinkChannel channel;

  LinkClient(String host, int port, Optional<SSLContext> tls) {
    this.channel = new LinkChannel(host, port, tls);
  }

  CompletionStage<ReactorDescription> describe(DescribeRequest request) {
    return channel.unary(DESCRIBE, request);
  }

  /** The reading stream's call, not started: {@link ReadingCall} starts it and asks for batches. */
  ClientCall<StreamReadingsRequest, ReadingBatch> streamReadings() {
    return channel.call(STREAM_READINGS);
  }

  CompletionStage<AcknowledgeReply> acknowledge(AcknowledgeRequest request) {
    return channel.unary(ACKNOWLEDGE, request);
  }

  CompletionStage<CommandReply> applyCommand(CommandRequest request) {
    return channel.unary(APPLY_COMMAND, request);
  }

  void close() {
    channel.close();
  }

  private static <I extends Message, O extends Message> MethodDescriptor<I, O> method(
      MethodType type, String name, I request, O response) {
    return OwnedChannel.method(type, SERVICE, name, request, response);
  }
}
