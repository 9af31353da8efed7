package dev.palette.core.facade;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem with a request, so that one exception can name them all. */
final class Violations {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private final List<Violation> list = new ArrayList<>();

  void add(String field, String message) {
    list.add(new Violation(field, message));
  }

  void addAll(List<Violation> violations) {
    list.addAll(violations);
  }

  /** Kubernetes-style names: 1 to 63 lowercase letters, digits and dashes, alphanumeric at both ends. */
  void name(String field, String value) {
    if (value.isEmpty()) {
      add(field, "must not be empty; use 1 to 63 lowercase letters, digits and '-'");
    } else if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
      add(field, "'" + value + "' is not allowed; use 1 to 63 lowercase letters, digits and '-',"
          + " starting and ending with a letter or digit");
    }
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  void throwIfAny(String what) {
    if (!list.isEmpty()) {
      throw new ValidationException(what, list);
    }
  }
}
