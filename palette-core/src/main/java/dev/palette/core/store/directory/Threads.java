package dev.palette.core.store.directory;

/** Joining the store's own threads on close. */
final class Threads {
  private Threads() {}

  /** Waits for {@code t} to end, keeping the caller's interrupt for after. */
  static void joinQuietly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
