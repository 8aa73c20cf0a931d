package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.request.Execute;
import com.datastax.oss.protocol.internal.request.Query;
import com.datastax.oss.protocol.internal.request.query.QueryOptions;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fence at the socket: writes of an entity this node does not hold now are refused there,
 * whatever was checked before; reads and writes of other rows pass.
 */
class WriteFenceTest {

  private static final byte[] INSERT_EVENT = {1, 2, 3};
  private static final byte[] SELECT_EVENTS = {4, 5, 6};

  private final Set<String> notHeld = Set.of("SensorLog|lost");
  private final WriteFence fence =
      new WriteFence(id -> notHeld.contains(id) ? Optional.of("lost " + id) : Optional.empty());
  private final EmbeddedChannel channel = new EmbeddedChannel(fence);

  WriteFenceTest() {
    fence.prepared(
        ByteBuffer.wrap(INSERT_EVENT), "INSERT INTO messages (persistence_id) VALUES (?)");
    fence.prepared(
        ByteBuffer.wrap(SELECT_EVENTS), "SELECT * FROM messages WHERE persistence_id = ?");
  }

  private static Frame execute(byte[] id, String firstValue) {
    return frame(new Execute(id, options(firstValue)));
  }

  private static QueryOptions options(String firstValue) {
    return new QueryOptions(
        1,
        List.of(ByteBuffer.wrap(firstValue.getBytes(StandardCharsets.UTF_8))),
        Map.of(),
        false,
        5000,
        null,
        8,
        QueryOptions.NO_DEFAULT_TIMESTAMP,
        null,
        QueryOptions.NO_NOW_IN_SECONDS);
  }

  private static Frame frame(com.datastax.oss.protocol.internal.Message message) {
    return Frame.forRequest(5, 1, false, Frame.NO_PAYLOAD, message);
  }

  @Test
  void aWriteOfAnEntityNotHeldNowIsRefusedAndNeverSent() {
    ChannelFuture write = channel.writeAndFlush(execute(INSERT_EVENT, "SensorLog|lost"));
    assertFalse(write.isSuccess());
    assertInstanceOf(FencedCassandraJournal.NotOwner.class, write.cause());
    assertNull(channel.readOutbound(), "nothing reached the socket");
  }

  @Test
  void aWriteOfAnEntityHeldIsSent() {
    Frame frame = execute(INSERT_EVENT, "SensorLog|held");
    assertTrue(channel.writeAndFlush(frame).isSuccess());
    assertSame(frame, channel.readOutbound());
  }

  @Test
  void readsAndUnpreparedReadsPassEvenForAnEntityNotHeld() {
    Frame read = execute(SELECT_EVENTS, "SensorLog|lost");
    assertTrue(channel.writeAndFlush(read).isSuccess());
    assertSame(read, channel.readOutbound());
    Frame query =
        frame(
            new Query(
                "SELECT * FROM messages WHERE persistence_id = ?", options("SensorLog|lost")));
    assertTrue(channel.writeAndFlush(query).isSuccess());
    assertSame(query, channel.readOutbound());
  }

  @Test
  void anUnpreparedWriteIsFencedAndRowsOfOtherKindsPass() {
    Frame insert =
        frame(
            new Query(
                "insert into snapshots (persistence_id) values (?)", options("SensorLog|lost")));
    assertFalse(channel.writeAndFlush(insert).isSuccess());
    Frame reading = execute(INSERT_EVENT, "reactor-1");
    assertTrue(channel.writeAndFlush(reading).isSuccess(), "not a persistence id: not fenced");
  }
}
