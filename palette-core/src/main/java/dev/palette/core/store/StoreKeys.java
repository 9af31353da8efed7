package dev.palette.core.store;

import dev.palette.spi.StoredRecord;

/**
 * The keys the engine's stores index records by. Internal to palette-core; public only so that the
 * directory store's package can share them.
 */
public final class StoreKeys {
  private StoreKeys() {}

  /** The key a record's kind, project and name are unique under. */
  public static String nameKey(StoredRecord r) {
    return nameKey(r.kind(), r.project(), r.name());
  }

  /** The key of a kind, project and name. */
  public static String nameKey(String kind, String project, String name) {
    return kind + '\u0000' + project + '\u0000' + name;
  }

  /** The key that orders the records of one kind by project, then name. */
  public static String sortKey(StoredRecord r) {
    return r.project() + '\u0000' + r.name();
  }
}
