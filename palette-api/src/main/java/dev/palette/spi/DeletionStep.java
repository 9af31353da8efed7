package dev.palette.spi;

import java.time.Duration;

/**
 * The outcome of one deletion step.
 *
 * @param done true once nothing of the cluster is left at the provider
 * @param progress percent done, 0 to 100
 * @param message a line for humans
 * @param requeueAfter when to call again; {@code null} when done
 */
public record DeletionStep(boolean done, int progress, String message, java.time.Duration requeueAfter) {
  public static DeletionStep done(String message) {
    return new DeletionStep(true, 100, message, null);
  }

  public static DeletionStep inProgress(int progress, String message, Duration after) {
    return new DeletionStep(false, progress, message, after);
  }
}
