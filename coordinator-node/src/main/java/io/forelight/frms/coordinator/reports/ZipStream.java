package io.forelight.frms.coordinator.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A zip archive written as it streams: each entry's bytes are compressed as they arrive and passed
 * on, so an archive of any size holds about one chunk in memory. Entries are read one after the
 * other, in order; the JDK's {@link ZipOutputStream} writes the format (ZIP64 where sizes need it).
 */
public final class ZipStream {

  private ZipStream() {}

  /** What goes into the archive, in order: file names and their contents. */
  public static Source<ByteString, NotUsed> of(
      Source<Pair<String, Source<ByteString, NotUsed>>, NotUsed> entries) {
    Source<Part, NotUsed> parts =
        entries
            .flatMapConcat(
                entry ->
                    Source.<Part>single(new Part.Start(entry.first()))
                        .concat(entry.second().map(Part.Data::new))
                        .concat(Source.single(new Part.End())))
            .concat(Source.single(new Part.Finish()));
    return parts
        .statefulMapConcat(
            () -> {
              Writer writer = new Writer();
              return part -> List.of(writer.take(part));
            })
        .filter(bytes -> !bytes.isEmpty());
  }

  private sealed interface Part {
    record Start(String name) implements Part {}

    record Data(ByteString bytes) implements Part {}

    record End() implements Part {}

    record Finish() implements Part {}
  }

  /** Feeds one part to the zip writer and hands back what it wrote. */
  private static final class Writer {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream(64 * 1024);
    private final ZipOutputStream zip = new ZipOutputStream(written);

    ByteString take(Part part) {
      try {
        if (part instanceof Part.Start start) {
          zip.putNextEntry(new ZipEntry(start.name()));
        } else if (part instanceof Part.Data data) {
          zip.write(data.bytes().toArrayUnsafe());
        } else if (part instanceof Part.End) {
          zip.closeEntry();
        } else {
          zip.finish();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
      }
      ByteString out = ByteString.fromArray(written.toByteArray());
      written.reset();
      return out;
    }
  }
}
