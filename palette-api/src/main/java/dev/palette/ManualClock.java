package dev.palette;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that only moves when told to, for tests and simulations: hand it to
 * {@code Palette.builder().clock(...)} and a week of usage accrues with one {@link #advance}.
 * Thread-safe.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves the clock forward; a negative duration is refused. */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + duration);
    }
    now = now.plus(duration);
  }

  /** Sets the time, forward or back. */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "ManualClock[" + now + "]";
  }
}
