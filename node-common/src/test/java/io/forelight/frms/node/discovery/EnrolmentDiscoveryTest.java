package io.forelight.frms.node.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A coordinator's advert is found by a board of its fleet, over real multicast DNS on loopback. */
class EnrolmentDiscoveryTest {

  @Test
  void aBoardFindsTheEndpointsOfItsOwnFleetOnly() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    EnrolmentDiscovery.Advert advert =
        EnrolmentDiscovery.advertise(loopback, "frms-lab-7-2552", "https", 8443, "lab-7");
    try {
      List<URI> found = EnrolmentDiscovery.find(loopback, "lab-7", Duration.ofSeconds(6));
      assertEquals(List.of(URI.create("https://127.0.0.1:8443")), found);
      assertTrue(
          EnrolmentDiscovery.find(loopback, "lab-9", Duration.ofSeconds(2)).isEmpty(),
          "another fleet's coordinators are not taken");
    } finally {
      advert.close();
    }
  }
}
