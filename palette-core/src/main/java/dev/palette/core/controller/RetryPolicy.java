package dev.palette.core.controller;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time up to
 * {@code min(max, initial * 2^(n-1))}, never less than a tenth of that bound.
 */
public record RetryPolicy(Duration initial, Duration max) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(200), Duration.ofMinutes(2));

  /** The delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long bound = Math.min(max.toMillis(), initial.toMillis() << shift);
    long floor = Math.max(1, bound / 10);
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(Math.max(1, bound - floor + 1)));
  }
}
