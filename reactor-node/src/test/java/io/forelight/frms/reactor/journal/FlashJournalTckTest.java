package io.forelight.frms.reactor.journal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import java.nio.file.Path;
import org.apache.pekko.persistence.CapabilityFlag;
import org.apache.pekko.persistence.japi.journal.JavaJournalSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pekko's journal plugin TCK ({@code JournalSpec}: replay ranges, deletes, highest sequence
 * numbers, atomic writes, serialization, ...) against the flash journal, run through ScalaTest's
 * own runner, with the batch outcomes the node leaves out for its typed entities.
 */
class FlashJournalTckTest {

  /** The logs the TCK writes: JUnit makes the folder and deletes it after the test. */
  @TempDir static Path dataDir;

  /**
   * The TCK's suite on the flash journal in {@link #dataDir} (ScalaTest makes it: no arguments).
   */
  public static final class Spec extends JavaJournalSpec {

    public Spec() {
      super(flashJournalConfig());
    }

    /** An event no serializer takes is rejected; the other writes of the batch are stored. */
    @Override
    public CapabilityFlag supportsRejectingNonSerializableObjects() {
      return CapabilityFlag.on();
    }

    private static Config flashJournalConfig() {
      return NodeConfig.load(
          ConfigFactory.parseString(
              "frms.reactor.data-dir = \""
                  + dataDir
                  + "\"\n"
                  // the protocol in full, as classic persistent actors need it
                  + "frms.reactor.readings-journal.answer-batch-outcome = on"),
          "reactor-node.conf");
    }
  }

  @Test
  void theFlashJournalPassesPekkosJournalTck() {
    boolean passed =
        org.scalatest.tools.Runner.run(new String[] {"-oW", "-s", Spec.class.getName()});
    assertTrue(passed, "the TCK's report is above in the test output");
  }
}
