package io.forelight.frms.coordinator.link;

import io.grpc.ManagedChannel;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a link's channel and connection small "in use" sets. grpc-java tracks what keeps a channel
 * in use (its calls) and a connection in use (its streams) in identity sets made with {@code
 * IdentityHashMap}'s default room, a table of 64 slots: ~0.4 KB each, where a link has one or two
 * calls at a time. Before the first call, this gives each an identity set with room for a few (it
 * grows if ever needed). grpc-java has no setting for it: by reflection, guarded as {@link
 * ClosedStreamStates} is; without the fields, nothing changes and the node says so once.
 */
final class SmallInUseSets {

  private static final Logger log = LoggerFactory.getLogger(SmallInUseSets.class);
  private static final Field IN_USE_OBJECTS;
  private static final Field CHANNEL_IN_USE;
  private static final Field FORWARDED_TO;
  private static final Field CONNECTION_IN_USE;

  static {
    Field inUseObjects = null;
    Field channelInUse = null;
    Field forwardedTo = null;
    Field connectionInUse = null;
    try {
      inUseObjects = InternalFields.of("io.grpc.internal.InUseStateAggregator", "inUseObjects");
      channelInUse =
          InternalFields.of("io.grpc.internal.ManagedChannelImpl", "inUseStateAggregator");
      forwardedTo = InternalFields.of("io.grpc.internal.ForwardingManagedChannel", "delegate");
      connectionInUse =
          InternalFields.of("io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler", "inUseState");
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.info("links keep grpc-java's in-use sets of 64 slots: {}", e.toString());
      inUseObjects = null;
    }
    IN_USE_OBJECTS = inUseObjects;
    CHANNEL_IN_USE = channelInUse;
    FORWARDED_TO = forwardedTo;
    CONNECTION_IN_USE = connectionInUse;
  }

  private SmallInUseSets() {}

  /** For a channel just built, before its first call; true if its set is now a small one. */
  static boolean ofChannel(ManagedChannel channel) {
    if (IN_USE_OBJECTS == null) {
      return false;
    }
    try {
      Object impl = channel;
      while (FORWARDED_TO.getDeclaringClass().isInstance(impl)) {
        impl = FORWARDED_TO.get(impl);
      }
      return CHANNEL_IN_USE.getDeclaringClass().isInstance(impl)
          && shrink(CHANNEL_IN_USE.get(impl));
    } catch (IllegalAccessException e) {
      return false;
    }
  }

  /** For a connection's HTTP/2 handler, before its first stream; true if its set is small. */
  static boolean ofConnection(Object http2Handler) {
    if (IN_USE_OBJECTS == null || !CONNECTION_IN_USE.getDeclaringClass().isInstance(http2Handler)) {
      return false;
    }
    try {
      return shrink(CONNECTION_IN_USE.get(http2Handler));
    } catch (IllegalAccessException e) {
      return false;
    }
  }

  private static boolean shrink(Object aggregator) throws IllegalAccessException {
    if (aggregator == null || !(IN_USE_OBJECTS.get(aggregator) instanceof Set<?> set)) {
      return false;
    }
    if (!set.isEmpty()) {
      return false; // already in use: its set stays as it is
    }
    IN_USE_OBJECTS.set(aggregator, Collections.newSetFromMap(new IdentityHashMap<>(2)));
    return true;
  }
}
