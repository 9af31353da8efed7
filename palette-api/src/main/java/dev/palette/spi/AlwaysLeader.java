package dev.palette.spi;

import dev.palette.Subscription;

/** The default leadership: the engine leads at once and until it closes. */
enum AlwaysLeader implements Leadership {
  INSTANCE;

  @Override
  public Subscription join(Runnable onElected, Runnable onRevoked) {
    onElected.run();
    return () -> {};
  }

  @Override
  public String toString() {
    return "Leadership.always()";
  }
}
