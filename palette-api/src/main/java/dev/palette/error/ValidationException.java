package dev.palette.error;

import java.util.List;
import java.util.stream.Collectors;

/** A request broke one or more rules; every violation is listed, each with its field path. */
public class ValidationException extends PaletteException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  public ValidationException(String what, List<Violation> violations) {
    super(format(what, violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String format(String what, List<Violation> violations) {
    return what
        + " is invalid ("
        + violations.size()
        + (violations.size() == 1 ? " problem" : " problems")
        + "):"
        + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
  }
}
