package dev.palette.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A record as a store holds it: the fields stores index and query on, plus the record's JSON body.
 * Stores never look inside the body.
 *
 * @param kind the record kind, for example {@code HostCluster}
 * @param id a stable identifier, unique within the store
 * @param project the project, or empty for tenant scope
 * @param name unique per kind and project
 * @param labels for label queries
 * @param revision assigned by the store on every write; strictly increasing across the store
 * @param body the JSON document of the record
 */
public record StoredRecord(
    String kind,
    String id,
    String project,
    String name,
    Map<String, String> labels,
    long revision,
    String body) {

  public StoredRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(body, "body");
  }

  public StoredRecord withRevision(long newRevision) {
    return new StoredRecord(kind, id, project, name, labels, newRevision, body);
  }

  /** The record's address for messages: {@code Kind project/name} or {@code Kind name}. */
  public String describe() {
    return kind + " " + (project.isEmpty() ? name : project + "/" + name);
  }

  @Override
  public String toString() {
    // The body may hold secrets; it never goes into a string.
    return "StoredRecord[" + describe() + ", id=" + id + ", revision=" + revision + "]";
  }
}
