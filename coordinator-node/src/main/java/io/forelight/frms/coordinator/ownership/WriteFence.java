package io.forelight.frms.coordinator.ownership;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.Message;
import com.datastax.oss.protocol.internal.request.Batch;
import com.datastax.oss.protocol.internal.request.Execute;
import com.datastax.oss.protocol.internal.request.Query;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last check before a write leaves for Cassandra: a Netty handler in the Cassandra driver's
 * pipeline (installed by {@link FencedSessionProvider}, between the driver's in-flight handler and
 * its encoder) that refuses every mutation of a sharded entity's rows (its persistence id is the
 * statement's first value: journal events, snapshots) unless this node holds the entity's lease
 * <em>now</em>, and sends the ones it lets through to the socket at once.
 *
 * <p>Why here too, not only in {@link FencedCassandraJournal}: a node frozen between the journal's
 * check and the moment its write reaches the socket (a GC pause, SIGSTOP, a suspended VM: under
 * load that stretch is milliseconds) would send the write when it resumes, long after another node
 * took the entity over; the suite saw events stored twice that way. Here the check and the send are
 * the same few instructions on the I/O thread. Reads are not fenced (audits read any journal).
 */
@ChannelHandler.Sharable
final class WriteFence extends ChannelOutboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(WriteFence.class);

  /** Ids of prepared statements that write (INSERT, UPDATE, DELETE), recorded when prepared. */
  private final Set<ByteBuffer> mutations = ConcurrentHashMap.newKeySet();

  /** Why this node may not write for a persistence id now; empty if it may or it is not fenced. */
  private final Function<String, Optional<String>> refusal;

  WriteFence(Function<String, Optional<String>> refusal) {
    this.refusal = refusal;
  }

  /** Remembers a prepared statement that writes, so executions of it are fenced. */
  void prepared(ByteBuffer id, String query) {
    if (isMutation(query)) {
      mutations.add(id);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof Frame frame)) {
      ctx.write(msg, promise);
      return;
    }
    Optional<String> refused = Optional.empty();
    boolean fenced = false;
    for (ByteBuffer firstValue : writtenFirstValues(frame.message)) {
      String value = persistenceIdIn(firstValue);
      if (value != null) {
        fenced = true;
        refused = refusal.apply(value);
        if (refused.isPresent()) {
          break;
        }
      }
    }
    if (refused.isPresent()) {
      log.warn(
          "refused a write at the socket (this node was frozen after the journal's check?): {}",
          refused.get());
      promise.setFailure(new FencedCassandraJournal.NotOwner("refused " + refused.get()));
      return;
    }
    ctx.write(msg, promise);
    if (fenced) {
      ctx.flush(); // nothing may stand between the check and the socket
    }
  }

  /** The first bound value of each statement in the message that writes. */
  private List<ByteBuffer> writtenFirstValues(Message message) {
    if (message instanceof Execute execute
        && mutations.contains(ByteBuffer.wrap(execute.queryId))) {
      return firstOf(execute.options.positionalValues);
    }
    if (message instanceof Query query && isMutation(query.query)) {
      return firstOf(query.options.positionalValues);
    }
    if (message instanceof Batch batch) {
      return batch.values.stream().flatMap(values -> firstOf(values).stream()).toList();
    }
    return List.of();
  }

  private static List<ByteBuffer> firstOf(List<ByteBuffer> values) {
    return values == null || values.isEmpty() || values.get(0) == null
        ? List.of()
        : List.of(values.get(0));
  }

  /** The value as a persistence id ({@code Type|id}), or null if it is not one. */
  private static String persistenceIdIn(ByteBuffer value) {
    if (value.remaining() < 3 || value.remaining() > 512) {
      return null;
    }
    String text = StandardCharsets.UTF_8.decode(value.duplicate()).toString();
    int separator = text.indexOf('|');
    return separator > 0 && separator < text.length() - 1 ? text : null;
  }

  static boolean isMutation(String query) {
    String start = query.stripLeading().toUpperCase(Locale.ROOT);
    return start.startsWith("INSERT") || start.startsWith("UPDATE") || start.startsWith("DELETE");
  }
}
