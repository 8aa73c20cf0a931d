package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.access.AccessDenied;
import io.forelight.frms.coordinator.access.AccessProblem;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.groups.GroupProblem;
import io.forelight.frms.coordinator.runs.RunProblem;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API gives is JSON {@code {"error": "..."}} with a 4xx status and the reason; only
 * a node that cannot answer in time says 503. No stack trace ever reaches a client.
 */
final class ApiErrors extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  Route handle(Supplier<Route> inner) {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), inner));
  }

  static Route error(StatusCode status, String message) {
    return new ApiErrors().complete(status, new Views.ErrorView(message), Json.marshaller());
  }

  private static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(BadRequest.class, e -> error(StatusCodes.BAD_REQUEST, e.getMessage()))
        .match(NotFound.class, e -> error(StatusCodes.NOT_FOUND, e.getMessage()))
        .match(Conflict.class, e -> error(StatusCodes.CONFLICT, e.getMessage()))
        .match(Unavailable.class, e -> error(StatusCodes.SERVICE_UNAVAILABLE, e.getMessage()))
        .match(CompletionException.class, e -> unwrap(e.getCause()))
        .match(AccessDenied.class, ApiErrors::unwrap)
        .match(AccessProblem.class, ApiErrors::unwrap)
        .match(GroupProblem.class, ApiErrors::unwrap)
        .match(RunProblem.class, ApiErrors::unwrap)
        .match(
            TimeoutException.class,
            e -> error(StatusCodes.SERVICE_UNAVAILABLE, "no answer in time, try again"))
        .matchAny(ApiErrors::unwrap)
        .build();
  }

  /** The status of a problem kind named INVALID (400), NOT_FOUND (404) or CONFLICT (409). */
  private static StatusCode status(String kind) {
    return switch (kind) {
      case "NOT_FOUND" -> StatusCodes.NOT_FOUND;
      case "CONFLICT" -> StatusCodes.CONFLICT;
      default -> StatusCodes.BAD_REQUEST;
    };
  }

  private static Route unwrap(Throwable e) {
    if (e instanceof AccessDenied denied) {
      return denied(denied);
    }
    if (e instanceof AccessProblem problem) {
      return error(
          switch (problem.kind()) {
            case INVALID -> StatusCodes.BAD_REQUEST;
            case NOT_FOUND -> StatusCodes.NOT_FOUND;
            case CONFLICT -> StatusCodes.CONFLICT;
            case STARTING -> StatusCodes.SERVICE_UNAVAILABLE;
          },
          problem.getMessage());
    }
    if (e instanceof GroupProblem problem) {
      return error(status(problem.kind().name()), problem.getMessage());
    }
    if (e instanceof RunProblem problem) {
      return error(status(problem.kind().name()), problem.getMessage());
    }
    if (e instanceof AuditTrail.Unavailable unavailable) {
      return error(
          StatusCodes.SERVICE_UNAVAILABLE, "nothing was changed: " + unavailable.getMessage());
    }
    if (e instanceof BadRequest bad) {
      return error(StatusCodes.BAD_REQUEST, bad.getMessage());
    }
    if (e instanceof NotFound notFound) {
      return error(StatusCodes.NOT_FOUND, notFound.getMessage());
    }
    if (e instanceof Conflict conflict) {
      return error(StatusCodes.CONFLICT, conflict.getMessage());
    }
    if (e instanceof Unavailable unavailable) {
      return error(StatusCodes.SERVICE_UNAVAILABLE, unavailable.getMessage());
    }
    if (e instanceof TimeoutException
        || e instanceof org.apache.pekko.pattern.AskTimeoutException) {
      return error(StatusCodes.SERVICE_UNAVAILABLE, "no answer in time, try again");
    }
    log.warn("request failed", e);
    return error(
        StatusCodes.SERVICE_UNAVAILABLE,
        "the request could not be served: " + e.getClass().getSimpleName());
  }

  private static Route denied(AccessDenied denied) {
    return switch (denied.kind()) {
      case UNAUTHENTICATED -> error(StatusCodes.UNAUTHORIZED, denied.getMessage());
      case FORBIDDEN -> error(StatusCodes.FORBIDDEN, denied.getMessage());
      case THROTTLED ->
          new ApiErrors()
              .respondWithHeader(
                  RawHeader.create(
                      "Retry-After",
                      Long.toString(Math.max(1, (denied.retryAfter().toMillis() + 999) / 1000))),
                  () -> error(StatusCodes.TOO_MANY_REQUESTS, denied.getMessage()));
    };
  }

  private static RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(
            org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection.class,
            rejected -> error(StatusCodes.BAD_REQUEST, malformed(rejected.getCause())))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(
            response -> {
              if (response.entity().getContentType().mediaType().isApplication()) {
                return response;
              }
              String text =
                  response.entity()
                          instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
                      ? strict.getData().utf8String()
                      : response.status().reason();
              return toJson(response, text);
            });
  }

  /**
   * What is wrong with a body that is not the JSON a route takes: the field, as JSON names it, and
   * what the parser found there ("profile.segments[0].setpoint: Cannot deserialize value of type
   * `double` from String \"hot\"").
   */
  static String malformed(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root != root.getCause()) {
      root = root.getCause();
    }
    if (root instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
      String where =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null
                          ? "." + ref.getFieldName()
                          : "[" + ref.getIndex() + "]")
              .collect(java.util.stream.Collectors.joining())
              .replaceFirst("^\\.", "");
      String what = mapping.getOriginalMessage().split("\n")[0];
      return "the body is not what this request takes: "
          + (where.isEmpty() ? "" : where + ": ")
          + what;
    }
    if (root instanceof com.fasterxml.jackson.core.JsonProcessingException parsing) {
      return "the body is not JSON: " + parsing.getOriginalMessage().split("\n")[0];
    }
    return "the body is not what this request takes: " + root.getMessage();
  }

  private static HttpResponse toJson(HttpResponse response, String text) {
    try {
      return response.withEntity(
          org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON,
          Json.MAPPER.writeValueAsString(new Views.ErrorView(text)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return response;
    }
  }
}
