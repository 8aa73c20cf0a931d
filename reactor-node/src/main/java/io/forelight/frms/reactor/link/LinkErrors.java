package io.forelight.frms.reactor.link;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.grpc.Trailers;
import org.apache.pekko.grpc.javadsl.GrpcExceptionHandler;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.japi.Function;

/**
 * How the link server answers requests it cannot even read: too large is RESOURCE_EXHAUSTED, not
 * protobuf is INVALID_ARGUMENT, each saying so. A request the reactor's log failed to carry out (an
 * I/O error) is UNAVAILABLE with the log's reason, not INTERNAL with a stack trace: the coordinator
 * tries again. Everything else keeps pekko-grpc's mapping (a GrpcServiceException's own status).
 */
// pekko-grpc 1.1's generated handler takes the deprecated org.apache.pekko.japi.Function.
@SuppressWarnings("deprecation")
public final class LinkErrors {

  /** The largest request the link reads; link requests are a few kilobytes. */
  public static final long MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private LinkErrors() {}

  /** The handler with every request's body limited to {@link #MAX_REQUEST_BYTES}. */
  public static org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>>
      limited(
          org.apache.pekko.japi.function.Function<HttpRequest, CompletionStage<HttpResponse>>
              handler) {
    return request ->
        handler.apply(
            request.withEntity((RequestEntity) request.entity().withSizeLimit(MAX_REQUEST_BYTES)));
  }

  public static Function<ActorSystem, Function<Throwable, Trailers>> mapper() {
    Function<ActorSystem, Function<Throwable, Trailers>> standard =
        GrpcExceptionHandler.defaultMapper();
    return system ->
        error -> {
          Throwable cause = error;
          while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
          }
          if (cause instanceof EntityStreamSizeException size) {
            return new Trailers(
                Status.RESOURCE_EXHAUSTED.withDescription(
                    "request larger than the link accepts (" + size.limit() + " bytes)"));
          }
          if (cause instanceof InvalidProtocolBufferException malformed) {
            return new Trailers(
                Status.INVALID_ARGUMENT.withDescription(
                    "malformed request: " + malformed.getMessage()));
          }
          if (cause instanceof IOException io) {
            return new Trailers(
                Status.UNAVAILABLE.withDescription(
                    "the reactor's log could not do it now, try again: " + io.getMessage()));
          }
          return standard.apply(system).apply(cause);
        };
  }
}
