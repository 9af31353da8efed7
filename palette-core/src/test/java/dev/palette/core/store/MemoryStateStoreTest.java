package dev.palette.core.store;

import dev.palette.spi.StateStore;

/** The memory store against the store contract. */
class MemoryStateStoreTest extends StateStoreContract {
  @Override
  protected StateStore newStore() {
    return new MemoryStateStore();
  }
}
