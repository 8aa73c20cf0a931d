package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Connection;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.UniformStreamByteDistributor;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.WeightedFairQueueByteDistributor;
import io.grpc.netty.shaded.io.netty.util.collection.IntCollections;
import io.grpc.netty.shaded.io.netty.util.collection.IntObjectMap;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** A client connection as grpc-java makes it, streams opened and closed as a link's calls are. */
class ClosedStreamStatesTest {

  private static int keptAfterTenCalls(boolean forget) throws Exception {
    Http2Connection connection = new DefaultHttp2Connection(false);
    WeightedFairQueueByteDistributor distributor = new WeightedFairQueueByteDistributor(connection);
    DefaultHttp2RemoteFlowController controller =
        new DefaultHttp2RemoteFlowController(connection, distributor);
    connection.remote().flowController(controller);
    if (forget) {
      assertTrue(ClosedStreamStates.forget(controller));
    }
    for (int call = 0; call < 10; call++) {
      connection.local().createStream(1 + 2 * call, false).close();
    }
    if (forget) {
      assertSame(IntCollections.emptyMap(), stateOnly(distributor), "no map kept for them");
    }
    return stateOnly(distributor).size();
  }

  @SuppressWarnings("unchecked")
  private static IntObjectMap<?> stateOnly(WeightedFairQueueByteDistributor distributor)
      throws ReflectiveOperationException {
    Field map = WeightedFairQueueByteDistributor.class.getDeclaredField("stateOnlyMap");
    map.setAccessible(true);
    return (IntObjectMap<?>) map.get(distributor);
  }

  @Test
  void aConnectionKeepsNoStateOfItsClosedStreams() throws Exception {
    assertEquals(5, keptAfterTenCalls(false), "what grpc-java's distributor keeps by itself");
    assertEquals(0, keptAfterTenCalls(true));
  }

  @Test
  void leavesAnotherDistributorAlone() throws Http2Exception {
    Http2Connection connection = new DefaultHttp2Connection(false);
    DefaultHttp2RemoteFlowController controller =
        new DefaultHttp2RemoteFlowController(
            connection, new UniformStreamByteDistributor(connection));
    assertFalse(ClosedStreamStates.forget(controller));
  }
}
