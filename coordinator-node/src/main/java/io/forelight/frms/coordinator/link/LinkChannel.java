package io.forelight.frms.coordinator.link;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;

/**
 * A grpc-java channel to one reactor, owned by one link client and closed with it, and its calls
 * made straight on grpc-java: no Pekko gRPC channel (its per-channel name-resolver registry, client
 * settings, connection monitor and promises) and no stream per call. A failed connection fails the
 * calls waiting on it (UNAVAILABLE): the link, which makes a fresh client per attempt, decides what
 * comes next.
 */
final class LinkChannel {

  private final ManagedChannel channel;

  LinkChannel(String host, int port, Optional<SSLContext> tls) {
    this.channel = LinkClients.tuned(NettyChannelBuilder.forAddress(host, port), tls).build();
    SmallInUseSets.ofChannel(channel); // before its first call
  }

  /** One request, one answer: fails with the call's status if it does not end OK. */
  <I, O> CompletionStage<O> unary(MethodDescriptor<I, O> method, I request) {
    ClientCall<I, O> call = channel.newCall(method, CallOptions.DEFAULT);
    CompletableFuture<O> answer = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<O>() {
          private O message;

          @Override
          public void onMessage(O received) {
            message = received;
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            if (!status.isOk()) {
              answer.completeExceptionally(status.asRuntimeException(trailers));
            } else if (message == null) {
              answer.completeExceptionally(
                  Status.INTERNAL
                      .withDescription(method.getFullMethodName() + " answered nothing")
                      .asRuntimeException());
            } else {
              answer.complete(message);
            }
          }
        },
        new Metadata());
    call.sendMessage(request);
    call.halfClose();
    call.request(2); // as grpc-java's own unary calls: a second answer is a protocol error
    return answer;
  }

  /** A call to start by its user (a stream of answers, asked for one by one). */
  <I, O> ClientCall<I, O> call(MethodDescriptor<I, O> method) {
    return channel.newCall(method, CallOptions.DEFAULT);
  }

  /** Ends the channel and any call on it now. */
  void close() {
    channel.shutdownNow();
  }
}
