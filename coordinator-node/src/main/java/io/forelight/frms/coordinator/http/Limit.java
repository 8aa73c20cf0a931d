package io.forelight.frms.coordinator.http;

/** A {@code limit} query parameter: how many items a list answer holds. */
final class Limit {

  private Limit() {}

  /** {@code text} as a number from 1 to {@code max}; 400 naming it otherwise. */
  static int of(String text, int max) {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new BadRequest("limit is a number from 1 to " + max + ", got '" + text + "'");
  }
}
