package dev.palette.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Selects records of one kind.
 *
 * @param kind the record kind
 * @param project a project, the empty string for tenant scope, or {@code null} for every scope
 * @param labels every label here must be present with the same value
 */
public record RecordQuery(String kind, String project, Map<String, String> labels) {
  public RecordQuery {
    Objects.requireNonNull(kind, "kind");
    labels = Map.copyOf(labels);
  }

  /** Every record of a kind, in every scope. */
  public static RecordQuery all(String kind) {
    return new RecordQuery(kind, null, Map.of());
  }

  /** Records of a kind in one scope: a project name, or the empty string for the tenant. */
  public static RecordQuery inScope(String kind, String project) {
    return new RecordQuery(kind, Objects.requireNonNull(project, "project"), Map.of());
  }

  public RecordQuery withLabels(Map<String, String> selector) {
    return new RecordQuery(kind, project, selector);
  }

  /** True when the record is selected by this query. */
  public boolean matches(StoredRecord record) {
    if (!kind.equals(record.kind())) {
      return false;
    }
    if (project != null && !project.equals(record.project())) {
      return false;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!e.getValue().equals(record.labels().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
