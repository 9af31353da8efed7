package dev.palette.dsl;

import dev.palette.Subscription;
import dev.palette.event.RecordEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records of one kind that can be listed, watched and narrowed by label: the shape every
 * collection of the DSL shares, whether it is one scope, every scope or a label selection.
 */
public interface Listable<R> {
  /** Every selected record that the caller may see, ordered by name. */
  List<R> list();

  /** Calls the listener on every change to a selected record until the subscription is closed. */
  Subscription watch(Consumer<RecordEvent<R>> listener);

  /**
   * The records among these whose labels hold {@code key} with {@code value}; chained selections
   * must all match: {@code clusters().inProject("ml").withLabel("team", "vision").list()}.
   *
   * @throws NullPointerException naming {@code key} or {@code value} when it is null
   */
  Listable<R> withLabel(String key, String value);
}
