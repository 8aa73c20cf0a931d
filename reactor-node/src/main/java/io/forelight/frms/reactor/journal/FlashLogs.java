package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * One open {@link FlashLog} per journal plugin config path, per actor system: the journal plugin
 * writes to it and the read journal tails it. Logs close when the actor system terminates.
 */
public final class FlashLogs implements Extension {

  private static final Id ID = new Id();

  private final ExtendedActorSystem system;
  private final Map<String, FlashLog> logs = new ConcurrentHashMap<>();

  private FlashLogs(ExtendedActorSystem system) {
    this.system = system;
    system.registerOnTermination(() -> logs.values().forEach(FlashLog::close));
  }

  public static FlashLogs get(ActorSystem system) {
    return ID.get(system);
  }

  public static FlashLogs get(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return ID.get(system.classicSystem());
  }

  /** The log of the journal plugin at this config path, opened on first use. */
  public FlashLog forJournal(String journalConfigPath) {
    return logs.computeIfAbsent(journalConfigPath, this::open);
  }

  private FlashLog open(String journalConfigPath) {
    FlashLogSettings settings =
        FlashLogSettings.fromConfig(system.settings().config().getConfig(journalConfigPath));
    try {
      return FlashLog.open(settings);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the flash log in " + settings.dir() + ": " + e.getMessage(), e);
    }
  }

  private static final class Id extends AbstractExtensionId<FlashLogs> {
    @Override
    public FlashLogs createExtension(ExtendedActorSystem system) {
      return new FlashLogs(system);
    }
  }
}
