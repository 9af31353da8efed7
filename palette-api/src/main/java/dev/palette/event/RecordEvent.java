package dev.palette.event;

/**
 * A change to a record: it was added, modified (spec or status) or deleted. For a deletion the
 * record is its last state.
 */
public record RecordEvent<R>(Type type, R record) {
  /** What happened to the record. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }
}
