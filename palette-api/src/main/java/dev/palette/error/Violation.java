package dev.palette.error;

import java.util.Objects;

/**
 * One problem with a request: the path of the field at fault (for example {@code nodePools[1].size})
 * and what is allowed there.
 */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
