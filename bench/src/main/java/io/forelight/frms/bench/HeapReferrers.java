package io.forelight.frms.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds the arrays of a heap dump ({@code jcmd <pid> GC.heap_dump file}): the bytes of each
 * chosen array class summed by the chain of classes above it (each object's first referrer in the
 * dump, up to {@code --depth} levels). A histogram says "14 KB of int[] per reactor"; this says
 * whose. Reads HotSpot's HPROF 1.0.2 in two passes (classes, then objects).
 */
final class HeapReferrers {

  private static final int OBJECT = 2;
  private static final int[] PRIMITIVE_SIZE = {0, 0, 0, 0, 1, 2, 4, 8, 1, 2, 4, 8};
  private static final String[] PRIMITIVE_NAME = {
    "",
    "",
    "",
    "",
    "boolean[]",
    "char[]",
    "float[]",
    "double[]",
    "byte[]",
    "short[]",
    "int[]",
    "long[]"
  };

  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final Map<Long, Long> superOf = new HashMap<>();
  private final Map<Long, byte[]> fieldTypesOf = new HashMap<>();
  private final LongMap classOf = new LongMap();
  private final LongMap sizeOf = new LongMap();
  private final LongMap parentOf = new LongMap();
  private int idSize;
  private boolean ownerOnly;

  private HeapReferrers() {}

  static void run(Bench.Options options) throws IOException {
    Path dump = Path.of(options.string("dump", "heap.hprof"));
    if (!Files.isReadable(dump)) {
      throw new IllegalArgumentException(
          "no heap dump to read at "
              + dump.toAbsolutePath()
              + ": give one with --dump FILE (coordinator-footprint --heap-dump true prints where"
              + " it kept one; or jcmd <pid> GC.heap_dump FILE)");
    }
    Set<String> chosen = Set.of(options.string("classes", "int[],byte[]").split(","));
    int depth = options.integer("depth", 4);
    int top = options.integer("top", 40);
    HeapReferrers heap = new HeapReferrers();
    heap.read(dump, true);
    heap.read(dump, false);
    List<String> owners = List.of(options.string("owners", "").split(","));
    heap.ownerOnly = options.string("by", "class").equals("owner");
    Map<String, long[]> byChain = new HashMap<>();
    heap.classOf.forEach(
        (id, type) -> {
          String name = heap.nameOf(type);
          String key =
              owners.get(0).isEmpty()
                  ? (chosen.contains(name) ? heap.chainOf(id, depth) : null)
                  : heap.ownerOf(id, owners, name);
          if (key != null) {
            long[] sum = byChain.computeIfAbsent(key, c -> new long[2]);
            sum[0] += Math.max(0, heap.sizeOf.get(id)); // class objects have no size here
            sum[1]++;
          }
        });
    System.out.printf("%12s %9s  %s%n", "bytes", "objects", "held by");
    byChain.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    "%,12d %,9d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
  }

  /**
   * The nearest ancestor (first-referrer chain, up to 60 levels) whose class name starts with one
   * of {@code owners}, with the object's own class: "owner <- class"; "(none) <- class" if none.
   */
  private String ownerOf(long id, List<String> owners, String name) {
    long at = id;
    for (int level = 0; level < 60 && at != LongMap.ABSENT; level++) {
      String atName = nameOf(classOf.get(at));
      for (String owner : owners) {
        if (atName.startsWith(owner)) {
          return ownerOnly ? atName : atName + " > " + name;
        }
      }
      at = parentOf.get(at);
    }
    return ownerOnly ? "(none)" : "(none) > " + name;
  }

  private String chainOf(long id, int depth) {
    StringBuilder chain = new StringBuilder(nameOf(classOf.get(id)));
    long at = id;
    for (int level = 0; level < depth; level++) {
      long parent = parentOf.get(at);
      if (parent == LongMap.ABSENT) {
        chain.append(" <- (root)");
        break;
      }
      boolean isClass = classOf.get(parent) == parent;
      chain.append(isClass ? " <- static in " : " <- ").append(nameOf(classOf.get(parent)));
      at = parent;
    }
    return chain.toString();
  }

  private String nameOf(long type) {
    if (type < 0) {
      return PRIMITIVE_NAME[(int) -type];
    }
    return classNames.getOrDefault(type, "class@" + Long.toHexString(type)).replace('/', '.');
  }

  private void read(Path dump, boolean classesOnly) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(dump), 1 << 20))) {
      while (in.readByte() != 0) {
        // the format's name, up to its NUL
      }
      idSize = in.readInt();
      in.readLong();
      while (true) {
        int tag;
        try {
          tag = in.readUnsignedByte();
        } catch (EOFException end) {
          return;
        }
        in.readInt();
        long length = Integer.toUnsignedLong(in.readInt());
        if (tag == 0x01 && classesOnly) {
          long id = id(in);
          byte[] text = new byte[(int) length - idSize];
          in.readFully(text);
          strings.put(id, new String(text, java.nio.charset.StandardCharsets.UTF_8));
        } else if (tag == 0x02 && classesOnly) {
          in.readInt();
          long classId = id(in);
          in.readInt();
          classNames.put(classId, strings.get(id(in)));
        } else if (tag == 0x0C || tag == 0x1C) {
          readHeap(in, length, classesOnly);
        } else {
          in.skipNBytes(length);
        }
      }
    }
  }

  private void readHeap(DataInputStream in, long length, boolean classesOnly) throws IOException {
    long left = length;
    while (left > 0) {
      int sub = in.readUnsignedByte();
      long read =
          switch (sub) {
            case 0xFF, 0x05, 0x07 -> skip(in, idSize);
            case 0x01 -> skip(in, 2L * idSize);
            case 0x02, 0x03, 0x08 -> skip(in, idSize + 8L);
            case 0x04, 0x06 -> skip(in, idSize + 4L);
            case 0x20 -> classDump(in, classesOnly);
            case 0x21 -> instance(in, classesOnly);
            case 0x22 -> objectArray(in, classesOnly);
            case 0x23 -> primitiveArray(in, classesOnly);
            default -> throw new IOException("unknown heap record 0x" + Integer.toHexString(sub));
          };
      left -= 1 + read;
    }
  }

  private long classDump(DataInputStream in, boolean classesOnly) throws IOException {
    long read = 7L * idSize + 8;
    long id = id(in);
    in.readInt();
    long superId = id(in);
    in.skipNBytes(5L * idSize + 4);
    int constants = in.readUnsignedShort();
    read += 2;
    for (int i = 0; i < constants; i++) {
      in.readUnsignedShort();
      read += 3 + skip(in, valueSize(in.readUnsignedByte()));
    }
    int statics = in.readUnsignedShort();
    read += 2;
    for (int i = 0; i < statics; i++) {
      id(in);
      int type = in.readUnsignedByte();
      read += idSize + 1 + valueSize(type);
      if (type == OBJECT && !classesOnly) {
        refer(id, id(in)); // a static field: the class holds it
      } else {
        skip(in, valueSize(type));
      }
    }
    int fields = in.readUnsignedShort();
    read += 2;
    byte[] types = new byte[fields];
    for (int i = 0; i < fields; i++) {
      id(in);
      types[i] = in.readByte();
      read += idSize + 1;
    }
    if (classesOnly) {
      superOf.put(id, superId);
      fieldTypesOf.put(id, types);
    } else {
      classOf.put(id, id);
    }
    return read;
  }

  private long instance(DataInputStream in, boolean classesOnly) throws IOException {
    long id = id(in);
    in.readInt();
    long type = id(in);
    int bytes = in.readInt();
    if (classesOnly) {
      in.skipNBytes(bytes);
    } else {
      classOf.put(id, type);
      sizeOf.put(id, 16L + bytes);
      int left = bytes;
      for (long at = type; at != 0 && fieldTypesOf.containsKey(at); at = superOf.get(at)) {
        for (byte field : fieldTypesOf.get(at)) {
          if (field == OBJECT) {
            refer(id, id(in));
          } else {
            in.skipNBytes(valueSize(field));
          }
          left -= valueSize(field);
        }
      }
      in.skipNBytes(left);
    }
    return 2L * idSize + 8 + bytes;
  }

  private long objectArray(DataInputStream in, boolean classesOnly) throws IOException {
    long id = id(in);
    in.readInt();
    int count = in.readInt();
    long type = id(in);
    if (classesOnly) {
      in.skipNBytes((long) count * idSize);
    } else {
      classOf.put(id, type);
      sizeOf.put(id, 16L + (long) count * 4);
      for (int i = 0; i < count; i++) {
        refer(id, id(in));
      }
    }
    return 2L * idSize + 8 + (long) count * idSize;
  }

  private long primitiveArray(DataInputStream in, boolean classesOnly) throws IOException {
    long id = id(in);
    in.readInt();
    int count = in.readInt();
    int type = in.readUnsignedByte();
    long bytes = (long) count * PRIMITIVE_SIZE[type];
    in.skipNBytes(bytes);
    if (!classesOnly) {
      classOf.put(id, -type);
      sizeOf.put(id, 16 + bytes);
    }
    return idSize + 9 + bytes;
  }

  private void refer(long from, long to) {
    if (to != 0 && parentOf.get(to) == LongMap.ABSENT) {
      parentOf.put(to, from);
    }
  }

  private int valueSize(int type) {
    return type == OBJECT ? idSize : PRIMITIVE_SIZE[type];
  }

  private long id(DataInputStream in) throws IOException {
    return idSize == 8 ? in.readLong() : Integer.toUnsignedLong(in.readInt());
  }

  private static long skip(DataInputStream in, long bytes) throws IOException {
    in.skipNBytes(bytes);
    return bytes;
  }
}
