package dev.palette.spi;

/**
 * A committed change to a store. A create is {@code CREATED}; an {@link StateStore#update} and an
 * {@link StateStore#updateStatus} are both {@code UPDATED}, with the whole record as stored; for a
 * deletion, {@code record} is the last state with the revision of the deletion.
 */
public record StoreEvent(Type type, StoredRecord record) {
  /** The kinds of change. */
  public enum Type {
    CREATED,
    UPDATED,
    DELETED
  }
}
