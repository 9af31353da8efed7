package dev.palette.spi;

import dev.palette.Subscription;

/**
 * Decides which engine runs the controllers when several engines share one store: only the leader
 * reconciles, while every engine's front door keeps working. Given with
 * {@code Palette.builder().leadership(...)}; the default, {@link #always()}, makes every engine the
 * leader, which is right for a store that only one engine opens.
 *
 * <p>An implementation (a lease record renewed by compare-and-set, a Kubernetes {@code Lease}, ...)
 * calls {@code onElected} when this engine becomes the leader and {@code onRevoked} when it stops
 * being one, alternately and starting with {@code onElected}. The engine starts its controllers on
 * the first and stops them on the second, waiting for running reconciles to finish; the callbacks
 * may come on any thread.
 */
public interface Leadership {
  /**
   * Takes part in the election until the returned subscription is closed. Closing it gives up
   * leadership without a call to {@code onRevoked}: the engine stops its controllers itself.
   *
   * @param onElected called when this engine becomes the leader
   * @param onRevoked called when this engine is no longer the leader
   */
  Subscription join(Runnable onElected, Runnable onRevoked);

  /** Every engine leads from the moment it joins: {@code onElected} is called at once, on the caller's thread. */
  static Leadership always() {
    return AlwaysLeader.INSTANCE;
  }
}
