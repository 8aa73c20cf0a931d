package io.forelight.frms.node;

/** The software version of a node, from its jar manifest ("dev" when run from classes). */
public final class Version {

  private Version() {}

  public static String of(Class<?> mainClass) {
    String version = mainClass.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
