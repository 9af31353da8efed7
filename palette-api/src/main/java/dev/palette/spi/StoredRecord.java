package dev.palette.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A record as a store holds it: the fields stores index and query on, the record's JSON body, its
 * status apart from the body (written by {@link StateStore#updateStatus}, as a Kubernetes object's
 * status subresource), and its secret values kept apart from both. Stores never look inside the body
 * or the status. A store keeps the
 * secrets as secrets (a durable store encrypts them at rest) and hands them back unchanged; they
 * never appear in {@link #toString()}.
 *
 * @param kind the record kind, for example {@code HostCluster}
 * @param id a stable identifier, unique within the store
 * @param project the project, or empty for tenant scope
 * @param name unique per kind and project
 * @param labels for label queries
 * @param revision assigned by the store on every write; strictly increasing across the store
 * @param body the JSON document of the record without its status and secret values
 * @param status the JSON document of the record's status, or the empty string for none
 * @param secrets the record's secret values by name, for example a cloud account's credentials
 */
public record StoredRecord(
    String kind,
    String id,
    String project,
    String name,
    Map<String, String> labels,
    long revision,
    String body,
    String status,
    Map<String, String> secrets) {

  public StoredRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    secrets = Map.copyOf(secrets);
  }

  /** A record without status. */
  public StoredRecord(
      String kind, String id, String project, String name, Map<String, String> labels,
      long revision, String body, Map<String, String> secrets) {
    this(kind, id, project, name, labels, revision, body, "", secrets);
  }

  /** A record without status or secrets. */
  public StoredRecord(
      String kind, String id, String project, String name, Map<String, String> labels,
      long revision, String body) {
    this(kind, id, project, name, labels, revision, body, "", Map.of());
  }

  /** This record at another revision. */
  public StoredRecord withRevision(long newRevision) {
    return new StoredRecord(kind, id, project, name, labels, newRevision, body, status, secrets);
  }

  /** This record with another status. */
  public StoredRecord withStatus(String newStatus) {
    return new StoredRecord(kind, id, project, name, labels, revision, body, newStatus, secrets);
  }

  /** True when the record has a status. */
  public boolean hasStatus() {
    return !status.isEmpty();
  }

  /** True when the record carries secret values a store must protect. */
  public boolean hasSecrets() {
    return !secrets.isEmpty();
  }

  /** The record's address for messages: {@code Kind project/name} or {@code Kind name}. */
  public String describe() {
    return kind + " " + (project.isEmpty() ? name : project + "/" + name);
  }

  @Override
  public String toString() {
    // Neither the body, the status nor the secrets ever go into a string.
    return "StoredRecord[" + describe() + ", id=" + id + ", revision=" + revision + "]";
  }
}
