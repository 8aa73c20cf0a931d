package io.forelight.frms.devkit;

import java.io.IOException;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Remote JMX to a node process, the way jconsole or jmxterm connect: the JVM flags that open it
 * (unauthenticated, loopback only: for tests; see the README for production flags) and a client.
 */
public final class RemoteJmx implements AutoCloseable {

  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private RemoteJmx(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  /** JVM flags that open remote JMX on 127.0.0.1:port without authentication. */
  public static List<String> flags(int port) {
    return List.of(
        "-Dcom.sun.management.jmxremote.port=" + port,
        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false");
  }

  public static RemoteJmx connect(int port) throws IOException {
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    return new RemoteJmx(JMXConnectorFactory.connect(url));
  }

  /** An attribute's value; fails (unchecked) if the bean or attribute is not there. */
  public Object get(String objectName, String attribute) {
    try {
      return server.getAttribute(new ObjectName(objectName), attribute);
    } catch (IOException | JMException e) {
      throw new IllegalStateException("cannot read " + objectName + " " + attribute + ": " + e, e);
    }
  }

  /** Calls an operation without arguments; fails (unchecked) if it is not there. */
  public Object invoke(String objectName, String operation) {
    try {
      return server.invoke(new ObjectName(objectName), operation, new Object[0], new String[0]);
    } catch (IOException | JMException e) {
      throw new IllegalStateException("cannot call " + objectName + " " + operation + ": " + e, e);
    }
  }

  public boolean isRegistered(String objectName) {
    try {
      return server.isRegistered(new ObjectName(objectName));
    } catch (IOException | JMException e) {
      throw new IllegalStateException("cannot ask for " + objectName + ": " + e, e);
    }
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
