package io.forelight.frms.devkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that a test puts between two nodes to break the link between them: {@link
 * #cut} resets every connection and refuses new ones; {@link #blackhole} keeps connections open but
 * lets no byte through either way (no reset, as when a route disappears); {@link #delay} adds
 * latency to every chunk; {@link #throttle} limits the bytes per second each way (a poor radio
 * link); {@link #restore} passes traffic again. {@link #record} keeps a copy of what passes, for a
 * test that looks at the bytes on the wire.
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does to traffic. */
  public enum Mode {
    PASS,
    CUT,
    BLACKHOLE
  }

  private static final int RECORDED_MAX = 1 << 20;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();
  private volatile Mode mode = Mode.PASS;
  private volatile Duration delay = Duration.ZERO;
  private volatile int bytesPerSecond; // 0: no limit
  private volatile boolean closed;

  /** What passed each way since {@link #record}, up to {@link #RECORDED_MAX} bytes each. */
  private final ByteArrayOutputStream up = new ByteArrayOutputStream();

  private final ByteArrayOutputStream down = new ByteArrayOutputStream();
  private volatile boolean recording;

  private FaultProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
    Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port forwarding to 127.0.0.1:targetPort. */
  public static FaultProxy to(int targetPort) {
    return on(InetAddress.getLoopbackAddress().getHostAddress(), targetPort);
  }

  /**
   * A proxy on a free port of {@code host} (an address of this machine, such as a lab network's
   * host address) forwarding to 127.0.0.1:targetPort.
   */
  public static FaultProxy on(String host, int targetPort) {
    try {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName(host), FreePorts.pick()));
      return new FaultProxy(
          server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a proxy port on " + host, e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public String address() {
    return server.getInetAddress().getHostAddress() + ":" + port();
  }

  public Mode mode() {
    return mode;
  }

  /** Connections accepted so far. */
  public long connections() {
    return connections.get();
  }

  /** Connections open now (each proxied connection is two sockets until either end closes). */
  public int openConnections() {
    return sockets.size() / 2;
  }

  /** Resets every open connection and refuses new ones until {@link #restore}. */
  public void cut() {
    mode = Mode.CUT;
    sockets.forEach(FaultProxy::reset);
  }

  /** Lets nothing through, either way, on open or new connections; closes nothing. */
  public void blackhole() {
    mode = Mode.BLACKHOLE;
  }

  /** Passes traffic with this added latency per chunk (zero for none). */
  public void delay(Duration latency) {
    delay = latency;
  }

  /** Passes at most this many bytes per second each way, a tenth of it every 100 ms. */
  public void throttle(int bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /**
   * From now on keeps a copy of the bytes passed each way (the first MiB of each), for {@link
   * #recordedUp} and {@link #recordedDown}.
   */
  public void record() {
    recording = true;
  }

  /** The bytes recorded from the client to the target. */
  public byte[] recordedUp() {
    synchronized (up) {
      return up.toByteArray();
    }
  }

  /** The bytes recorded from the target to the client. */
  public byte[] recordedDown() {
    synchronized (down) {
      return down.toByteArray();
    }
  }

  public void restore() {
    delay = Duration.ZERO;
    bytesPerSecond = 0;
    mode = Mode.PASS;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    sockets.forEach(FaultProxy::reset);
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (mode == Mode.CUT) {
        reset(client);
        continue;
      }
      connections.incrementAndGet();
      try {
        Socket upstream = new Socket();
        upstream.connect(target, 2000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, "up", up);
        pump(upstream, client, "down", down);
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  private void pump(Socket from, Socket to, String direction, ByteArrayOutputStream copy) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer, 0, readLimit(buffer.length))) >= 0) {
                  if (mode == Mode.BLACKHOLE) {
                    continue;
                  }
                  Duration latency = delay;
                  if (!latency.isZero()) {
                    Thread.sleep(latency.toMillis());
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                  if (recording) {
                    synchronized (copy) {
                      copy.write(buffer, 0, Math.min(n, RECORDED_MAX - copy.size()));
                    }
                  }
                  if (bytesPerSecond > 0) {
                    Thread.sleep(100);
                  }
                }
              } catch (IOException | InterruptedException e) {
                // the connection is over
              } finally {
                reset(from);
                reset(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "fault-proxy-" + port() + "-" + direction);
    pump.setDaemon(true);
    pump.start();
  }

  private int readLimit(int buffer) {
    int limit = bytesPerSecond;
    return limit <= 0 ? buffer : Math.max(1, Math.min(buffer, limit / 10));
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
