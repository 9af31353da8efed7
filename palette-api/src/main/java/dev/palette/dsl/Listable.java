package dev.palette.dsl;

import dev.palette.Subscription;
import dev.palette.event.RecordEvent;
import java.util.List;
import java.util.function.Consumer;

/** Records of one kind in one scope that can be listed and watched. */
public interface Listable<R> {
  /** Every record in scope that the caller may see, ordered by name. */
  List<R> list();

  /** Calls the listener on every change to a record in scope until the subscription is closed. */
  Subscription watch(Consumer<RecordEvent<R>> listener);
}
