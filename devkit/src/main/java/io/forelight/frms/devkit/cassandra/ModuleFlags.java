package io.forelight.frms.devkit.cassandra;

import java.util.ArrayList;
import java.util.List;

/** The module flags of Cassandra's own jvm11-server.options and jvm17-server.options. */
final class ModuleFlags {

  static final List<String> JDK17 = build();

  private ModuleFlags() {}

  private static List<String> build() {
    List<String> flags = new ArrayList<>();
    for (String export :
        List.of(
            "java.base/jdk.internal.misc",
            "java.base/jdk.internal.ref",
            "java.base/sun.nio.ch",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi",
            "java.rmi/sun.rmi.registry",
            "java.rmi/sun.rmi.server",
            "java.sql/java.sql",
            "jdk.attach/sun.tools.attach",
            "jdk.compiler/com.sun.tools.javac.api")) {
      flags.add("--add-exports");
      flags.add(export + "=ALL-UNNAMED");
    }
    for (String open :
        List.of(
            "java.base/java.lang",
            "java.base/java.lang.module",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.nio",
            "java.base/java.math",
            "java.base/java.net",
            "java.base/java.util",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch",
            "java.base/jdk.internal.loader",
            "java.base/jdk.internal.ref",
            "java.base/jdk.internal.reflect",
            "java.base/jdk.internal.math",
            "java.base/jdk.internal.module",
            "java.base/jdk.internal.util.jar",
            "jdk.management/com.sun.management.internal")) {
      flags.add("--add-opens");
      flags.add(open + "=ALL-UNNAMED");
    }
    return List.copyOf(flags);
  }
}
