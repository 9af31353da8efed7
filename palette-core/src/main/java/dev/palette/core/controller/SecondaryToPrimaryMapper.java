package dev.palette.core.controller;

import dev.palette.spi.StoredRecord;
import java.util.Set;

/**
 * Names the primary records a change of a secondary record affects, for example the host clusters
 * that use a cloud account. It runs off the store's event thread and may read the store.
 */
@FunctionalInterface
public interface SecondaryToPrimaryMapper {
  /**
   * The ids of the primaries to reconcile.
   *
   * @param secondary the secondary record as written; for a deletion, its last state
   */
  Set<String> primaryIds(StoredRecord secondary);
}
