package io.forelight.frms.node.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Coordinators' enrolment endpoints on the LAN through DNS-SD over multicast DNS (what Avahi and
 * Bonjour speak): a coordinator advertises the service {@value #SERVICE_TYPE} with its API port and
 * its fleet and scheme in the TXT record; a board browses for it and keeps the endpoints of its own
 * fleet. Nothing found this way is trusted: a board takes a certificate only if its fleet's CA
 * issued it for its own key.
 */
public final class EnrolmentDiscovery {

  public static final String SERVICE_TYPE = "_frms-enrol._tcp.local.";

  private EnrolmentDiscovery() {}

  /** An advert, withdrawn when closed. */
  public interface Advert extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /**
   * Advertises this coordinator's API ({@code scheme} http or https, {@code port}) for fleet {@code
   * fleetId} as {@code name} on the interface of {@code address} (null: this host's address) until
   * the returned handle is closed. Blocking (a few hundred ms): not on a dispatcher thread.
   */
  public static Advert advertise(
      InetAddress address, String name, String scheme, int port, String fleetId)
      throws IOException {
    JmDNS dns = address == null ? JmDNS.create() : JmDNS.create(address, name);
    dns.registerService(
        ServiceInfo.create(
            SERVICE_TYPE, name, port, 0, 0, Map.of("fleet", fleetId, "scheme", scheme)));
    return dns::close;
  }

  /**
   * The enrolment endpoints of fleet {@code fleetId} answering within {@code wait} on the interface
   * of {@code address} (null: this host's address), as API base URIs. Blocking for {@code wait}:
   * the main thread of a board that has no certificate yet.
   */
  public static List<URI> find(InetAddress address, String fleetId, Duration wait)
      throws IOException {
    try (JmDNS dns = address == null ? JmDNS.create() : JmDNS.create(address, "frms-board")) {
      List<URI> found = new ArrayList<>();
      for (ServiceInfo service : dns.list(SERVICE_TYPE, wait.toMillis())) {
        if (!fleetId.equals(service.getPropertyString("fleet"))) {
          continue;
        }
        String scheme = "https".equals(service.getPropertyString("scheme")) ? "https" : "http";
        for (String host : service.getHostAddresses()) {
          found.add(URI.create(scheme + "://" + bracketed(host) + ":" + service.getPort()));
        }
      }
      return found;
    }
  }

  private static String bracketed(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
