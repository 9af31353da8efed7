package dev.palette.core.kind;

import java.util.regex.Pattern;

/**
 * Every size and length the front door accepts, in one place. Names and labels follow Kubernetes' own
 * rules (DNS-1123 labels and subdomains, label keys and values), so a user meets the limits they
 * already know; the rest are bounds no real request comes near and every hostile one does.
 */
public final class Limits {
  /** A record name: a DNS-1123 label of at most this many characters. */
  public static final int NAME_LENGTH = 63;

  /** A label key's optional prefix: a DNS-1123 subdomain of at most this many characters. */
  public static final int LABEL_PREFIX_LENGTH = 253;

  /** A label key's name part, and a label value, are at most this many characters. */
  public static final int LABEL_NAME_LENGTH = 63;

  /** A record carries at most this many labels, a cluster at most this many tags. */
  public static final int LABELS_PER_RECORD = 64;

  /** A cloud tag's value, as most clouds allow it. */
  public static final int TAG_VALUE_LENGTH = 256;

  /** Nodes in one node pool. */
  public static final int NODES_PER_POOL = 1_000;

  /** Nodes in one host cluster over all its pools, Kubernetes' documented largest cluster. */
  public static final int NODES_PER_CLUSTER = 5_000;

  /** Node pools in one host cluster. */
  public static final int POOLS_PER_CLUSTER = 32;

  /** A node's disk, in GiB (64 TiB). */
  public static final int DISK_GIB = 65_536;

  /** A description of a project, team, role or profile. */
  public static final int DESCRIPTION_LENGTH = 4_096;

  /** A user's display name. */
  public static final int DISPLAY_NAME_LENGTH = 128;

  /** An e-mail address (RFC 5321's limit on a forward path). */
  public static final int EMAIL_LENGTH = 254;

  /** A custom role's name, such as {@code Billing Reader}. */
  public static final int ROLE_NAME_LENGTH = 63;

  /** Entries of one list in a spec: team members, workspace clusters and namespaces, layers. */
  public static final int LIST_ENTRIES = 1_000;

  /** A cloud account setting or credential key. */
  public static final int SETTING_KEY_LENGTH = 253;

  /** A cloud account setting or credential value (room for a kubeconfig or a key file). */
  public static final int SETTING_VALUE_LENGTH = 65_536;

  /** A pack layer's values document. */
  public static final int LAYER_VALUES_LENGTH = 262_144;

  /** Free-form single-line strings: image references, instance types, versions. */
  public static final int LINE_LENGTH = 512;

  /** How much of a rejected value a message echoes. */
  public static final int SHOWN_LENGTH = 40;

  public static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  public static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  public static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  public static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9 ._-]*[A-Za-z0-9])?");
  public static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");

  private Limits() {}

  /**
   * A value as a message may show it: quoted, control characters escaped, and cut to
   * {@value #SHOWN_LENGTH} characters with its length, so a huge value gives a short message.
   */
  public static String shown(String value) {
    if (value == null) {
      return "null";
    }
    String head = value.length() <= SHOWN_LENGTH ? value : value.substring(0, SHOWN_LENGTH);
    StringBuilder out = new StringBuilder(head.length() + 24).append('\'');
    for (char c : head.toCharArray()) {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\'' -> out.append("\\'");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('\'');
    if (head.length() < value.length()) {
      out.append("…(").append(value.length()).append(" chars)");
    }
    return out.toString();
  }

  /** True when the string holds a control character (a newline, a NUL, an escape...). */
  public static boolean hasControl(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }
}
