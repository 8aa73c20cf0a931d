package io.forelight.frms.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An FRMS node (or any executable jar) run as its own JVM, as in production: output goes to a log
 * file, SIGTERM stops it gracefully, SIGKILL kills it as a crash would. Started with {@code
 * -Dfrms.exit-with-parent=on}, so it also exits if the JVM that started it dies.
 */
public final class NodeProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path logFile;

  private NodeProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code java [jvmArgs] -jar jar} with the extra environment, logging to logFile. */
  public static NodeProcess start(
      String name, Path jar, List<String> jvmArgs, Map<String, String> env, Path logFile) {
    return start(name, jar, jvmArgs, List.of(), env, logFile);
  }

  /** Starts {@code java [jvmArgs] -jar jar [args]}, logging to logFile. */
  public static NodeProcess start(
      String name,
      Path jar,
      List<String> jvmArgs,
      List<String> args,
      Map<String, String> env,
      Path logFile) {
    return start(name, List.of(), jar, jvmArgs, args, env, logFile);
  }

  /**
   * Starts {@code [prefix] java [jvmArgs] -jar jar [args]}: the prefix runs it elsewhere, such as
   * in a network namespace ({@link LabNetwork.Host#commandPrefix()}); it must exec the command, so
   * the process is the JVM itself.
   */
  public static NodeProcess start(
      String name,
      List<String> prefix,
      Path jar,
      List<String> jvmArgs,
      List<String> args,
      Map<String, String> env,
      Path logFile) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no jar at " + jar + ": build it first with ./mvnw package -DskipTests");
    }
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dfrms.exit-with-parent=on");
    // The node's own rolling log files go beside the captured console output.
    command.add("-DFRMS_LOG_DIR=" + logFile.toAbsolutePath().getParent().resolve(name + "-logs"));
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      NodeProcess node = new NodeProcess(name, process, logFile);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** SIGKILL, as a crash or power cut of the process would; waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(20));
  }

  /**
   * SIGSTOP: the process freezes where it is, as in a long GC pause, a frozen VM or a suspended
   * container; its sockets stay open and the kernel keeps its clocks running. {@link #resume} lets
   * it go on.
   */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT: a paused process goes on from where it was. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending SIG" + signal, e);
    }
  }

  /** SIGTERM (graceful shutdown); kills it if it is not gone within the timeout. */
  public int stop(Duration timeout) {
    if (process.isAlive()) {
      resume(); // a paused process would not act on SIGTERM
    }
    process.destroy();
    if (!waitFor(timeout)) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
    return process.exitValue();
  }

  /** Waits for the process to exit; true if it did within the timeout. */
  public boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** The whole log so far. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  public String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(30));
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
