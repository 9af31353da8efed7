package dev.palette.core.cost;

import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.RateCard;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's rate card overrides, one store record read on every use, so that an update made
 * through any engine sharing the store prices the next report of every engine.
 */
final class RateCardStore {
  /** The record kind of the tenant's rate card overrides. */
  static final String KIND = "RateCard";
  private static final String ID = "rate-card-overrides";
  private static final String NAME = "overrides";

  private final StateStore store;
  private final InstanceCatalog catalog;

  RateCardStore(StateStore store, InstanceCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  /** The catalog's instance prices and the default unit prices, with the stored overrides on top. */
  RateCard rateCard() {
    return withOverrides(overrides());
  }

  /** The catalog's instance prices and the default unit prices, with {@code overrides} on top. */
  RateCard withOverrides(RateCard overrides) {
    return RateCards.merge(RateCards.defaults(catalog), overrides);
  }

  /** The overrides as last stored; empty when there are none. */
  RateCard overrides() {
    return store.get(KIND, ID).map(r -> CostRecords.read(r, RateCard.class)).orElse(RateCard.builder().build());
  }

  /**
   * Replaces the overrides; the last of racing updates wins, as each replaces all of them.
   *
   * @throws ValidationException naming every negative price by its field path
   */
  RateCard update(RateCard newOverrides) {
    List<Violation> violations = RateCards.validate(newOverrides);
    if (!violations.isEmpty()) {
      throw new ValidationException("RateCard overrides", violations);
    }
    StoredRecord record = new StoredRecord(KIND, ID, "", NAME, Map.of(), 0, CostRecords.write(newOverrides));
    while (true) {
      Optional<StoredRecord> current = store.get(KIND, ID);
      try {
        if (current.isPresent()) {
          store.update(record, current.get().revision());
        } else {
          store.create(record);
        }
        return rateCard();
      } catch (ConflictException | NotFoundException e) {
        // Another update came between the read and the write: read again and replace that one.
      }
    }
  }
}
