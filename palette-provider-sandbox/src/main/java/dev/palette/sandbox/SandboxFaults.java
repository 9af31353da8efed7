package dev.palette.sandbox;

import dev.palette.error.ProviderException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Failures armed at {@link FaultPoint}s of the sandbox's simulation. Each armed failure fires once,
 * at the next step that passes its point (on any cluster), as a {@link ProviderException} with code
 * {@value #CODE}; failures armed at one point fire in the order they were armed. Thread-safe.
 */
public final class SandboxFaults {
  /** The error code of every injected failure. */
  public static final String CODE = "InjectedFault";

  private final Map<FaultPoint, Deque<Armed>> armed = new EnumMap<>(FaultPoint.class);

  // One armed failure: whether it is retryable and the wait it asks for, or null.
  private record Armed(boolean retryable, Duration retryAfter) {}

  SandboxFaults() {}

  /**
   * Makes the next {@code times} steps that pass {@code point} fail.
   *
   * @param retryable whether the thrown {@link ProviderException} says trying again can help
   */
  public SandboxFaults failNext(FaultPoint point, int times, boolean retryable) {
    return arm(point, times, new Armed(retryable, null));
  }

  /**
   * Makes the next {@code times} steps that pass {@code point} fail retryably, each failure asking
   * the caller to wait {@code retryAfter} before trying again, as a throttling cloud does.
   */
  public SandboxFaults failNext(FaultPoint point, int times, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
    }
    return arm(point, times, new Armed(true, retryAfter));
  }

  private synchronized SandboxFaults arm(FaultPoint point, int times, Armed failure) {
    Objects.requireNonNull(point, "point");
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    Deque<Armed> queue = armed.computeIfAbsent(point, p -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(failure);
    }
    return this;
  }

  /** Makes the next step that passes {@code point} fail once, retryably. */
  public SandboxFaults failAt(FaultPoint point) {
    return failNext(point, 1, true);
  }

  /** How many failures are still armed at {@code point}. */
  public synchronized int pending(FaultPoint point) {
    Deque<Armed> queue = armed.get(point);
    return queue == null ? 0 : queue.size();
  }

  /** Disarms every failure. */
  public synchronized void clear() {
    armed.clear();
  }

  /** Throws the next failure armed at {@code point}, if any, consuming it. */
  void fire(FaultPoint point, String clusterId) {
    Armed failure;
    synchronized (this) {
      Deque<Armed> queue = armed.get(point);
      failure = queue == null ? null : queue.pollFirst();
    }
    if (failure != null) {
      throw new ProviderException(
          SandboxProvider.ID,
          CODE,
          failure.retryable(),
          failure.retryAfter(),
          "injected failure at " + point + " for cluster " + clusterId
              + " (a fault armed on the sandbox simulation)",
          null);
    }
  }
}
