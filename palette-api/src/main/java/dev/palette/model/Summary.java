package dev.palette.model;

import java.util.Locale;
import java.util.StringJoiner;

/** Builds the short {@code toString()} of the model: {@code Kind[first, detail, detail]}. */
final class Summary {
  private Summary() {}

  /** {@code Kind[project/name, details...]}, with {@code deleting} once deletion was asked for. */
  static String of(Resource<?> resource, Object... details) {
    return named(resource, resource.name(), details);
  }

  /** As {@link #of(Resource, Object...)}, naming the record by {@code name}. */
  static String named(Resource<?> resource, String name, Object... details) {
    Metadata m = resource.metadata();
    String where = m.project().isEmpty() ? name : m.project() + "/" + name;
    String text = of(m.kind(), where, details);
    return m.deletionRequested() ? text.substring(0, text.length() - 1) + ", deleting]" : text;
  }

  /** {@code type[first, details...]}; a null or empty detail is left out. */
  static String of(String type, String first, Object... details) {
    StringJoiner joiner = new StringJoiner(", ", type + "[", "]");
    joiner.add(first);
    for (Object detail : details) {
      String text = detail == null ? "" : String.valueOf(detail);
      if (!text.isEmpty()) {
        joiner.add(text);
      }
    }
    return joiner.toString();
  }

  /** {@code 1 node}, {@code 3 nodes}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** An enum constant in lower case, as a detail reads best. */
  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
