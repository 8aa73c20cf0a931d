package io.forelight.frms.coordinator.link;

import java.lang.reflect.Field;

/**
 * A private field of grpc-java or netty, made accessible: for the few settings they have no API for
 * ({@link ClosedStreamStates}, {@link SmallInUseSets}). Each user looks its fields up once, and
 * without them leaves the links as grpc-java makes them and says so once.
 */
final class InternalFields {

  private InternalFields() {}

  static Field of(Class<?> type, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  static Field of(String type, String name) throws ReflectiveOperationException {
    return of(Class.forName(type), name);
  }
}
