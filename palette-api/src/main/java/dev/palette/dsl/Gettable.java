package dev.palette.dsl;

import dev.palette.Subscription;
import dev.palette.event.RecordEvent;
import java.util.Optional;
import java.util.function.Consumer;

/** One named record. */
public interface Gettable<R> {
  /** The record as stored now, or empty when there is none. */
  Optional<R> get();

  /**
   * The record as stored now.
   *
   * @throws dev.palette.error.NotFoundException when there is none
   */
  R require();

  /** Calls the listener on every change to this record until the subscription is closed. */
  Subscription watch(Consumer<RecordEvent<R>> listener);
}
