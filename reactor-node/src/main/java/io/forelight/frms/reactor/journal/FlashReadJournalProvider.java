package io.forelight.frms.reactor.journal;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.persistence.query.ReadJournalProvider;

/** Creates the {@link FlashReadJournal} of the journal named by {@code journal-path}. */
public final class FlashReadJournalProvider implements ReadJournalProvider {

  private final FlashReadJournal journal;

  public FlashReadJournalProvider(ExtendedActorSystem system, Config config, String configPath) {
    String journalPath = config.getString("journal-path");
    Config journalConfig = system.settings().config().getConfig(journalPath);
    this.journal =
        new FlashReadJournal(
            FlashLogs.get(system).forJournal(journalPath),
            new EventCodec(system),
            system.dispatchers().lookup(journalConfig.getString("io-dispatcher")),
            config.getDuration("poll-interval"),
            config.getInt("chunk-size"));
  }

  @Override
  public org.apache.pekko.persistence.query.scaladsl.ReadJournal scaladslReadJournal() {
    return new org.apache.pekko.persistence.query.scaladsl.ReadJournal() {};
  }

  @Override
  public org.apache.pekko.persistence.query.javadsl.ReadJournal javadslReadJournal() {
    return journal;
  }
}
