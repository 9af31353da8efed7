package dev.palette.core.kind;

import java.util.Map;

/**
 * Kubernetes name and label syntax, checked at the front door so that any record can later be a
 * custom resource. INTERIM minimal version: the rbac branch writes the full one; the lead keeps
 * these two signatures.
 */
public final class Names {
  private Names() {}

  /** A DNS-1123 label: 1 to 63 lowercase letters, digits and '-', alphanumeric at both ends. */
  public static void check(Violations v, String field, String name) {
    v.name(field, name);
  }

  /** Label keys ({@code [prefix/]name}) and values as Kubernetes allows them. */
  public static void checkLabels(Violations v, Map<String, String> labels) {
    v.labels("labels", labels);
  }
}
