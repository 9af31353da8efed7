package dev.palette.sandbox;

/** A user's value as a violation message shows it: at most 40 characters, control characters escaped. */
final class Shown {
  private static final int LENGTH = 40;

  private Shown() {}

  static String of(String value) {
    String head = value.length() <= LENGTH ? value : value.substring(0, LENGTH) + "...";
    StringBuilder out = new StringBuilder(head.length());
    for (char c : head.toCharArray()) {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
