package dev.palette.core.kind;

import dev.palette.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' syntax for names and labels, so that any record can later be stored as a custom
 * resource. A record's name is a DNS-1123 <em>label</em> (the rule Kubernetes applies to
 * namespaces and services, and the stricter of its two name rules, so such a name is valid for
 * every Kubernetes object): 1 to 63 lowercase letters, digits and '-', starting and ending with a
 * letter or digit. A label key is an optional DNS-1123 <em>subdomain</em> prefix (at most 253
 * characters of dot-separated DNS-1123 labels) and '/', then a name of 1 to 63 letters, digits,
 * '-', '_' and '.', starting and ending with a letter or digit; a label value is empty or such a
 * name.
 *
 * <p>The checks return their problems rather than collecting them, so that this package needs
 * nothing of the front door that calls it ({@code v.addAll(Names.check("name", name))}). Every
 * message says what is allowed and echoes the rejected value only in a short, escaped form.
 */
public final class Names {
  /** A name, a label key's name part and a label value: at most this many characters. */
  public static final int LABEL_LENGTH = 63;

  /** A DNS-1123 subdomain, such as a label key's prefix: at most this many characters. */
  public static final int SUBDOMAIN_LENGTH = 253;

  // How much of a rejected value a message shows.
  private static final int SHOWN = 40;

  private static final String NAME_RULE = "use 1 to " + LABEL_LENGTH
      + " lowercase letters, digits and '-', starting and ending with a letter or digit";
  private static final String LABEL_NAME_RULE = LABEL_LENGTH
      + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

  private Names() {}

  /** The problems with a record name under {@code field}: empty when it is a DNS-1123 label. */
  public static List<Violation> check(String field, String name) {
    if (name == null || name.isEmpty()) {
      return List.of(new Violation(field, "must not be empty; " + NAME_RULE));
    }
    if (!isDnsLabel(name)) {
      return List.of(new Violation(field, Limits.shown(name) + " is not allowed; " + NAME_RULE));
    }
    return List.of();
  }

  /**
   * The problems with a record's labels, each under {@code labels} (a key) or
   * {@code labels[key]} (its value); empty when every key and value follows Kubernetes' syntax.
   */
  public static List<Violation> checkLabels(Map<String, String> labels) {
    List<Violation> out = new ArrayList<>();
    labels.forEach((key, value) -> {
      if (!isLabelKey(key)) {
        out.add(new Violation("labels", "key " + Limits.shown(key) + " is not allowed; use an optional"
            + " DNS subdomain prefix of at most " + SUBDOMAIN_LENGTH + " lowercase letters, digits,"
            + " '-' and '.' and a '/', then 1 to " + LABEL_NAME_RULE));
      }
      if (!isLabelValue(value)) {
        out.add(new Violation("labels[" + Limits.shown(key) + "]", "value " + Limits.shown(value)
            + " is not allowed; use nothing, or at most " + LABEL_NAME_RULE));
      }
    });
    return out;
  }

  /** True for a DNS-1123 label: 1 to 63 of {@code [a-z0-9-]}, alphanumeric at both ends. */
  public static boolean isDnsLabel(String s) {
    return isDnsLabel(s, 0, s.length());
  }

  /** True for a DNS-1123 subdomain: at most 253 characters of DNS-1123 labels joined by dots. */
  public static boolean isDnsSubdomain(String s) {
    if (s.isEmpty() || s.length() > SUBDOMAIN_LENGTH) {
      return false;
    }
    int start = 0;
    for (int dot = s.indexOf('.'); dot >= 0; dot = s.indexOf('.', start)) {
      if (!isDnsLabel(s, start, dot)) {
        return false;
      }
      start = dot + 1;
    }
    return isDnsLabel(s, start, s.length());
  }

  /** True for a label key: {@code [subdomain/]name}. */
  public static boolean isLabelKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return isLabelName(key);
    }
    return isDnsSubdomain(key.substring(0, slash)) && isLabelName(key.substring(slash + 1));
  }

  /** True for a label value: empty, or a label name. */
  public static boolean isLabelValue(String value) {
    return value != null && (value.isEmpty() || isLabelName(value));
  }

  // 1 to 63 of [A-Za-z0-9._-], alphanumeric at both ends.
  private static boolean isLabelName(String s) {
    int n = s.length();
    if (n == 0 || n > LABEL_LENGTH || !isAlnum(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDnsLabel(String s, int from, int to) {
    int n = to - from;
    if (n <= 0 || n > LABEL_LENGTH || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!isLowerAlnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return isLowerAlnum(c) || c >= 'A' && c <= 'Z';
  }
}
