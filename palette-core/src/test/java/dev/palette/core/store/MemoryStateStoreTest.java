package dev.palette.core.store;

import dev.palette.spi.StateStore;
import dev.palette.testkit.store.StateStoreContract;

/** The memory store against the store contract. */
class MemoryStateStoreTest extends StateStoreContract {
  @Override
  protected StateStore newStore() {
    return new MemoryStateStore();
  }

  @Override
  protected StateStore newStoreWithShortHistory() {
    return new MemoryStateStore(8);
  }
}
