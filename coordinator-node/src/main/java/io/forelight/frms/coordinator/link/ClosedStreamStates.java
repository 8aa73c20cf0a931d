package io.forelight.frms.coordinator.link;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.WeightedFairQueueByteDistributor;
import io.grpc.netty.shaded.io.netty.util.collection.IntCollections;
import io.grpc.netty.shaded.io.netty.util.internal.EmptyPriorityQueue;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a link's HTTP/2 connection forget its closed streams. grpc-java gives each client connection
 * netty's {@link WeightedFairQueueByteDistributor}, which keeps the priority state of the last five
 * closed streams (for PRIORITY frames that may still name them; gRPC sends none). A link closes a
 * call every second or so (acknowledgements, descriptions), so each reactor's connection held five
 * such states, their queues and maps: ~1 KB per reactor for nothing. Netty's own way to keep none
 * is a distributor made with {@code maxStateOnlySize} 0 (and an empty map and queue for them);
 * grpc-java has no setting for it, so this sets those fields of the distributor grpc-java made, as
 * netty's constructor would have, before the connection's first stream. Should a later grpc-java or
 * netty not have it, links work as before and the node says so once.
 */
final class ClosedStreamStates {

  private static final Logger log = LoggerFactory.getLogger(ClosedStreamStates.class);
  private static final Field DISTRIBUTOR;
  private static final Field KEPT;
  private static final Field KEPT_BY_ID;
  private static final Field TO_DROP;

  static {
    Field distributor = null;
    Field kept = null;
    Field keptById = null;
    Field toDrop = null;
    try {
      distributor =
          InternalFields.of(DefaultHttp2RemoteFlowController.class, "streamByteDistributor");
      kept = InternalFields.of(WeightedFairQueueByteDistributor.class, "maxStateOnlySize");
      keptById = InternalFields.of(WeightedFairQueueByteDistributor.class, "stateOnlyMap");
      toDrop = InternalFields.of(WeightedFairQueueByteDistributor.class, "stateOnlyRemovalQueue");
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.info(
          "links keep the states of closed HTTP/2 streams as grpc-java does: {}", e.toString());
      distributor = null;
    }
    DISTRIBUTOR = distributor;
    KEPT = kept;
    KEPT_BY_ID = keptById;
    TO_DROP = toDrop;
  }

  private ClosedStreamStates() {}

  /**
   * Makes {@code controller}'s distributor keep no closed stream's state, if it is netty's weighted
   * fair queue; true if it now keeps none.
   */
  static boolean forget(Http2RemoteFlowController controller) {
    if (DISTRIBUTOR == null || !DISTRIBUTOR.getDeclaringClass().isInstance(controller)) {
      return false;
    }
    try {
      if (DISTRIBUTOR.get(controller) instanceof WeightedFairQueueByteDistributor distributor) {
        // as netty's own constructor sets up a distributor that keeps none
        KEPT.setInt(distributor, 0);
        KEPT_BY_ID.set(distributor, IntCollections.emptyMap());
        TO_DROP.set(distributor, EmptyPriorityQueue.instance());
        return true;
      }
      return false;
    } catch (IllegalAccessException e) {
      return false;
    }
  }
}
