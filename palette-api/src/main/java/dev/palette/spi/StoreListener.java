package dev.palette.spi;

/** Receives a store's changes from {@link StateStore#watch}. */
@FunctionalInterface
public interface StoreListener {
  /** One committed change; called in revision order. */
  void onEvent(StoreEvent event);

  /**
   * The store can no longer replay from the revision the watch asked for (its history was
   * compacted). The watch has ended; list again and watch from the listing's revision.
   *
   * @param revision the store's revision when it gave up
   */
  default void onStartOver(long revision) {}
}
