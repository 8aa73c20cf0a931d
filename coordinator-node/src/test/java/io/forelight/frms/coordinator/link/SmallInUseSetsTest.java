package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallInUseSetsTest {

  /** The channel's in-use set (grpc-java's internals, as the class under test reaches them). */
  private static Set<?> inUse(ManagedChannel channel) throws ReflectiveOperationException {
    Object impl = channel;
    Field delegate =
        Class.forName("io.grpc.internal.ForwardingManagedChannel").getDeclaredField("delegate");
    delegate.setAccessible(true);
    while (delegate.getDeclaringClass().isInstance(impl)) {
      impl = delegate.get(impl);
    }
    Field aggregator =
        Class.forName("io.grpc.internal.ManagedChannelImpl")
            .getDeclaredField("inUseStateAggregator");
    aggregator.setAccessible(true);
    Field objects =
        Class.forName("io.grpc.internal.InUseStateAggregator").getDeclaredField("inUseObjects");
    objects.setAccessible(true);
    return (Set<?>) objects.get(aggregator.get(impl));
  }

  @Test
  void aNewChannelsInUseSetIsMadeSmall() throws Exception {
    ManagedChannel channel =
        LinkClients.tuned(NettyChannelBuilder.forAddress("127.0.0.1", 9), Optional.empty()).build();
    try {
      Set<?> grpcs = inUse(channel);
      assertTrue(SmallInUseSets.ofChannel(channel));
      assertNotSame(grpcs, inUse(channel), "a set of its own");
      assertTrue(inUse(channel).isEmpty());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void anythingElseIsLeftAlone() {
    assertFalse(SmallInUseSets.ofConnection(new Object()));
  }
}
