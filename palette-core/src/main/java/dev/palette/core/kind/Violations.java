package dev.palette.core.kind;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem with a request, so that one exception can name them all. The checks take
 * their bounds from {@link Limits} and echo a rejected value only through {@link Limits#shown}.
 */
public class Violations {
  private final List<Violation> list = new ArrayList<>();

  public void add(String field, String message) {
    list.add(new Violation(field, message));
  }

  public void addAll(List<Violation> violations) {
    list.addAll(violations);
  }

  /** Kubernetes-style names: 1 to 63 lowercase letters, digits and dashes, alphanumeric at both ends. */
  public void name(String field, String value) {
    if (value.isEmpty()) {
      add(field, "must not be empty; use 1 to " + Limits.NAME_LENGTH + " lowercase letters, digits and '-'");
    } else if (value.length() > Limits.NAME_LENGTH || !Limits.DNS_LABEL.matcher(value).matches()) {
      add(field, shown(value) + " is not allowed; use 1 to " + Limits.NAME_LENGTH
          + " lowercase letters, digits and '-', starting and ending with a letter or digit");
    }
  }

  /** Kubernetes labels: keys {@code [prefix/]name}, values of at most 63 characters of the same alphabet. */
  public void labels(String field, Map<String, String> labels) {
    count(field, labels.size(), Limits.LABELS_PER_RECORD);
    labels.forEach((key, value) -> {
      labelKey(field, key);
      if (value.length() > Limits.LABEL_NAME_LENGTH
          || !value.isEmpty() && !Limits.LABEL_NAME.matcher(value).matches()) {
        add(field + "[" + shown(key) + "]", "value " + shown(value) + " is not allowed; use at most "
            + Limits.LABEL_NAME_LENGTH + " letters, digits, '-', '_' and '.', starting and ending"
            + " with a letter or digit");
      }
    });
  }

  /** Cloud tags: keys as label keys, values of at most 256 characters on one line. */
  public void tags(String field, Map<String, String> tags) {
    count(field, tags.size(), Limits.LABELS_PER_RECORD);
    tags.forEach((key, value) -> {
      labelKey(field, key);
      line(field + "[" + shown(key) + "]", value, Limits.TAG_VALUE_LENGTH);
    });
  }

  private void labelKey(String field, String key) {
    int slash = key.lastIndexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = key.substring(slash + 1);
    boolean prefixOk = slash < 0 || !prefix.isEmpty() && prefix.length() <= Limits.LABEL_PREFIX_LENGTH
        && Limits.DNS_SUBDOMAIN.matcher(prefix).matches();
    boolean nameOk = !name.isEmpty() && name.length() <= Limits.LABEL_NAME_LENGTH
        && Limits.LABEL_NAME.matcher(name).matches();
    if (!prefixOk || !nameOk) {
      add(field, "key " + shown(key) + " is not allowed; use an optional DNS subdomain prefix of at most "
          + Limits.LABEL_PREFIX_LENGTH + " characters and '/', then 1 to " + Limits.LABEL_NAME_LENGTH
          + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
    }
  }

  /** Text on one line: at most {@code max} characters and no control characters. */
  public void line(String field, String value, int max) {
    if (value.length() > max) {
      add(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
    } else if (Limits.hasControl(value)) {
      add(field, shown(value) + " holds a control character such as a newline; use one line of text");
    }
  }

  /** A description: at most {@value Limits#DESCRIPTION_LENGTH} characters; newlines and tabs are fine. */
  public void description(String field, String value) {
    if (value.length() > Limits.DESCRIPTION_LENGTH) {
      add(field, "is " + value.length() + " characters long; at most " + Limits.DESCRIPTION_LENGTH
          + " are allowed");
    } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      add(field, "holds a control character other than a newline or a tab");
    }
  }

  /** An e-mail address, or empty for none. */
  public void email(String field, String value) {
    if (!value.isEmpty() && (value.length() > Limits.EMAIL_LENGTH || Limits.hasControl(value)
        || !Limits.EMAIL.matcher(value).matches())) {
      add(field, shown(value) + " is not an e-mail address like alice@example.com (at most "
          + Limits.EMAIL_LENGTH + " characters, no spaces)");
    }
  }

  /** A string map such as cloud account settings: bounded keys and values, keys on one line. */
  public void settings(String field, Map<String, String> map) {
    count(field, map.size(), Limits.LABELS_PER_RECORD);
    map.forEach((key, value) -> {
      if (key.isEmpty() || key.length() > Limits.SETTING_KEY_LENGTH || Limits.hasControl(key)) {
        add(field, "key " + shown(key) + " is not allowed; use 1 to " + Limits.SETTING_KEY_LENGTH
            + " characters on one line");
      }
      if (value.length() > Limits.SETTING_VALUE_LENGTH) {
        // The value may be a secret: its length is all a message may say about it.
        add(field + "[" + shown(key) + "]", "is " + value.length() + " characters long; at most "
            + Limits.SETTING_VALUE_LENGTH + " are allowed");
      }
    });
  }

  /** A list or map of at most {@code max} entries. */
  public void count(String field, int size, int max) {
    if (size > max) {
      add(field, "has " + size + " entries; at most " + max + " are allowed");
    }
  }

  /** Every entry of a list of names is a Kubernetes-style name. */
  public void names(String field, Collection<String> values) {
    count(field, values.size(), Limits.LIST_ENTRIES);
    int i = 0;
    for (String value : values) {
      name(field + "[" + i++ + "]", value);
    }
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** @param what the request, for the message; a name in it is passed through {@link Limits#shown} */
  public void throwIfAny(String what) {
    if (!list.isEmpty()) {
      throw new ValidationException(what, list);
    }
  }
}
