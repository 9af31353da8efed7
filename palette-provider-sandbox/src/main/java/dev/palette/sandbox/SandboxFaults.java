package dev.palette.sandbox;

import dev.palette.error.ProviderException;
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

  private final Map<FaultPoint, Deque<Boolean>> armed = new EnumMap<>(FaultPoint.class);

  SandboxFaults() {}

  /**
   * Makes the next {@code times} steps that pass {@code point} fail.
   *
   * @param retryable whether the thrown {@link ProviderException} says trying again can help
   */
  public synchronized SandboxFaults failNext(FaultPoint point, int times, boolean retryable) {
    Objects.requireNonNull(point, "point");
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    Deque<Boolean> queue = armed.computeIfAbsent(point, p -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(retryable);
    }
    return this;
  }

  /** Makes the next step that passes {@code point} fail once, retryably. */
  public SandboxFaults failAt(FaultPoint point) {
    return failNext(point, 1, true);
  }

  /** How many failures are still armed at {@code point}. */
  public synchronized int pending(FaultPoint point) {
    Deque<Boolean> queue = armed.get(point);
    return queue == null ? 0 : queue.size();
  }

  /** Disarms every failure. */
  public synchronized void clear() {
    armed.clear();
  }

  /** Throws the next failure armed at {@code point}, if any, consuming it. */
  void fire(FaultPoint point, String clusterId) {
    Boolean retryable;
    synchronized (this) {
      Deque<Boolean> queue = armed.get(point);
      retryable = queue == null ? null : queue.pollFirst();
    }
    if (retryable != null) {
      throw new ProviderException(
          SandboxProvider.ID,
          CODE,
          retryable,
          "injected failure at " + point + " for cluster " + clusterId
              + " (a fault armed on the sandbox simulation)");
    }
  }
}
