package io.forelight.frms.node;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers FRMS MBeans on the platform MBean server under {@code io.forelight.frms:type=...}. A
 * bean registered again under the same name replaces the old one (an actor restarted), and only the
 * bean that holds a name can unregister it, so a stopping old incarnation cannot remove its
 * successor. Failures are logged, never thrown: monitoring must not stop a node.
 */
public final class Jmx {

  public static final String DOMAIN = "io.forelight.frms";

  private static final Logger log = LoggerFactory.getLogger(Jmx.class);
  private static final Map<ObjectName, Object> holders = new ConcurrentHashMap<>();

  private Jmx() {}

  /** {@code io.forelight.frms:type=<type>,<key>=<value>,...}; values are quoted where needed. */
  public static ObjectName name(String type, String... keysAndValues) {
    StringBuilder name = new StringBuilder(DOMAIN).append(":type=").append(type);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      name.append(',').append(keysAndValues[i]).append('=').append(value(keysAndValues[i + 1]));
    }
    try {
      return new ObjectName(name.toString());
    } catch (JMException e) {
      throw new IllegalArgumentException("not an MBean name: " + name, e);
    }
  }

  /** Registers {@code bean} as an MBean with interface {@code type} under {@code name}. */
  public static synchronized <T> void register(ObjectName name, Class<T> type, T bean) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(new StandardMBean(bean, type), name);
      holders.put(name, bean);
    } catch (JMException e) {
      log.warn("could not register MBean {}: {}", name, e.toString());
    }
  }

  /** Unregisters {@code name} if {@code bean} still holds it. */
  public static synchronized void unregister(ObjectName name, Object bean) {
    if (!holders.remove(name, bean)) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException alreadyGone) {
      // nothing to do
    } catch (JMException e) {
      log.warn("could not unregister MBean {}: {}", name, e.toString());
    }
  }

  private static String value(String raw) {
    boolean plain =
        !raw.isEmpty()
            && raw.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_.".indexOf(c) >= 0);
    return plain ? raw : ObjectName.quote(raw);
  }
}
