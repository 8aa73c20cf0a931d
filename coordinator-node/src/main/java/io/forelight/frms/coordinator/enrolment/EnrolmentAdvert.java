package io.forelight.frms.coordinator.enrolment;

import com.typesafe.config.Config;
import io.forelight.frms.coordinator.CoordinatorSettings;
import io.forelight.frms.coordinator.tls.FleetTls;
import io.forelight.frms.node.discovery.EnrolmentDiscovery;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises this coordinator's enrolment endpoint on the LAN (DNS-SD over multicast DNS, see
 * {@link EnrolmentDiscovery}) while the node runs, when {@code
 * frms.coordinator.enrolment.advertise} is on. A failure to advertise is logged; the node runs on
 * (boards can be given addresses).
 */
public final class EnrolmentAdvert {

  private static final Logger log = LoggerFactory.getLogger(EnrolmentAdvert.class);

  private EnrolmentAdvert() {}

  public static void startIfConfigured(ActorSystem<?> system, CoordinatorSettings settings) {
    Config c = system.settings().config().getConfig(CoordinatorSettings.ROOT + ".enrolment");
    if (!c.getBoolean("advertise")) {
      return;
    }
    FleetTls tls = FleetTls.get(system);
    if (tls.fleetId().isEmpty()) {
      log.warn(
          "enrolment.advertise is on, but this fleet has no CA: nothing to enrol, not advertised");
      return;
    }
    String configured = c.getString("advertise-interface").strip();
    String address =
        !configured.isEmpty()
            ? configured
            : settings.httpInterface().equals("0.0.0.0") ? "" : settings.httpInterface();
    String scheme = settings.https().isPresent() ? "https" : "http";
    String name = "frms-" + tls.fleetId().get() + "-" + system.address().getPort().orElse(0);
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return EnrolmentDiscovery.advertise(
                    address.isEmpty() ? null : InetAddress.getByName(address),
                    name,
                    scheme,
                    settings.httpPort(),
                    tls.fleetId().get());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            system.dispatchers().lookup(DispatcherSelector.blocking()))
        .whenComplete(
            (advert, error) -> {
              if (error != null) {
                log.warn(
                    "cannot advertise enrolment by DNS-SD on {}: {}",
                    address.isEmpty() ? "this host's address" : address,
                    error.getCause() == null ? error : error.getCause());
                return;
              }
              log.info(
                  "enrolment advertised by DNS-SD as {} ({}://{}:{}, fleet {})",
                  EnrolmentDiscovery.SERVICE_TYPE,
                  scheme,
                  address.isEmpty() ? "this host" : address,
                  settings.httpPort(),
                  tls.fleetId().get());
              system
                  .getWhenTerminated()
                  .thenRun(
                      () -> {
                        try {
                          advert.close();
                        } catch (Exception e) {
                          log.debug("closing the DNS-SD advert: {}", e.toString());
                        }
                      });
            });
  }
}
