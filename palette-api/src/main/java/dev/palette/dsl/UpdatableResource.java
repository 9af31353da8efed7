package dev.palette.dsl;

import java.util.function.Consumer;

/**
 * One named record whose spec can change.
 *
 * @param <R> the record type
 * @param <B> the builder of its spec
 */
public interface UpdatableResource<R, B> extends NamedResource<R> {
  /**
   * Changes the spec, retrying when another write raced this one.
   *
   * @param changes applied to a builder that holds the current spec; the name cannot change
   * @return the record as written; the record as it was when {@code changes} changed nothing
   * @throws dev.palette.error.NotFoundException when there is none
   * @throws dev.palette.error.ValidationException listing every problem with the changed spec
   */
  R update(Consumer<B> changes);
}
