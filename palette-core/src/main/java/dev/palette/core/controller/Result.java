package dev.palette.core.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconcile asks of the runtime next: nothing until the record changes, another look after
 * a delay, or a retry after a failure with the retry policy's backoff.
 */
public sealed interface Result {
  /** The record matches its spec; reconcile again only when it changes. */
  record Done() implements Result {}

  /** Look again after a delay, for example while a cloud works. */
  record RequeueAfter(Duration delay) implements Result {
    public RequeueAfter {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** The attempt failed and may succeed later; the retry policy picks the delay. */
  record Retry(Throwable cause) implements Result {}

  static Result done() {
    return new Done();
  }

  static Result requeueAfter(Duration delay) {
    return new RequeueAfter(delay);
  }

  static Result retry(Throwable cause) {
    return new Retry(cause);
  }
}
