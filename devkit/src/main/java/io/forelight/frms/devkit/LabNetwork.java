package io.forelight.frms.devkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Nodes in network namespaces of their own, joined by a bridge, so a test can cut some of them off
 * from the others (a network partition) while every one keeps reaching the services on the host
 * (Cassandra, reactors). Linux only, as root, with iproute2 ({@code ip netns}, veth, bridge). The
 * host's side of the bridge is {@code 10.77.N.1}; the i-th namespace gets {@code 10.77.N.(10+i)}, N
 * chosen per network so leftovers of a killed run do not clash. {@link #close} removes it all.
 */
public final class LabNetwork implements AutoCloseable {

  /** A node's place on the network: its namespace and address, and how to run a command in it. */
  public record Host(String name, String namespace, String address) {

    /** Prefix a command with this to run it inside the namespace. */
    public List<String> commandPrefix() {
      return List.of("ip", "netns", "exec", namespace);
    }
  }

  private final int subnet;
  private final String bridge;
  private final List<Host> hosts = new ArrayList<>();
  private final List<String[]> blackholes = new ArrayList<>();

  private LabNetwork(int subnet) {
    this.subnet = subnet;
    this.bridge = "frb" + subnet;
  }

  /** Creates the bridge; fails naming what is missing if this machine cannot make namespaces. */
  public static LabNetwork create() {
    int subnet = 1 + (int) ((ProcessHandle.current().pid() * 7 + System.nanoTime()) % 250);
    LabNetwork network = new LabNetwork(Math.abs(subnet));
    try {
      network.ip("link", "add", network.bridge, "type", "bridge");
      network.ip("addr", "add", network.hostAddress() + "/24", "dev", network.bridge);
      network.ip("link", "set", network.bridge, "up");
      return network;
    } catch (IllegalStateException e) {
      network.close();
      throw new IllegalStateException(
          "network namespaces are needed for partition tests (Linux, root, iproute2's ip): "
              + e.getMessage(),
          e);
    }
  }

  /** The host's address on the bridge: services bound to it are reachable from every namespace. */
  public String hostAddress() {
    return "10.77." + subnet + ".1";
  }

  /** A new namespace on the bridge, with its own address. */
  public Host add(String name) {
    int index = hosts.size();
    Host host =
        new Host(name, "frms-" + subnet + "-" + index, "10.77." + subnet + "." + (10 + index));
    String outside = "frv" + subnet + "h" + index;
    String inside = "frv" + subnet + "n" + index;
    ip("netns", "add", host.namespace());
    hosts.add(host);
    ip("link", "add", outside, "type", "veth", "peer", "name", inside);
    ip("link", "set", outside, "master", bridge);
    ip("link", "set", outside, "up");
    ip("link", "set", inside, "netns", host.namespace());
    in(host, "addr", "add", host.address() + "/24", "dev", inside);
    in(host, "link", "set", inside, "up");
    in(host, "link", "set", "lo", "up");
    return host;
  }

  /**
   * Cuts {@code cut} off from each of {@code others}, both ways: packets between them go nowhere
   * (no reset, as when a link or a switch fails); both still reach the host.
   */
  public void partition(Host cut, List<Host> others) {
    for (Host other : others) {
      blackhole(cut, other.address());
      blackhole(other, cut.address());
    }
  }

  /** Undoes every partition. */
  public void heal() {
    for (String[] route : blackholes) {
      run(List.of("ip", "netns", "exec", route[0], "ip", "route", "del", "blackhole", route[1]));
    }
    blackholes.clear();
  }

  private void blackhole(Host in, String address) {
    in(in, "route", "add", "blackhole", address + "/32");
    blackholes.add(new String[] {in.namespace(), address + "/32"});
  }

  @Override
  public void close() {
    for (Host host : hosts) {
      tryRun(List.of("ip", "netns", "del", host.namespace()));
    }
    tryRun(List.of("ip", "link", "del", bridge));
  }

  private void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    run(command);
  }

  private void in(Host host, String... args) {
    List<String> command = new ArrayList<>(host.commandPrefix());
    command.add("ip");
    command.addAll(List.of(args));
    run(command);
  }

  private static void tryRun(List<String> command) {
    try {
      run(command);
    } catch (IllegalStateException e) {
      // cleaning up: already gone
    }
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }
}
