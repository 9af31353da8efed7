package dev.palette.spi;

/**
 * A committed change to a store. For a deletion, {@code record} is the last state with the revision
 * of the deletion.
 */
public record StoreEvent(Type type, StoredRecord record) {
  /** The kinds of change. */
  public enum Type {
    CREATED,
    UPDATED,
    DELETED
  }
}
