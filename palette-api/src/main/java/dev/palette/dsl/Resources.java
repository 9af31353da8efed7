package dev.palette.dsl;

import java.util.function.Consumer;

/**
 * Records of one kind in one scope: the collection every kind shares. List, watch and narrow
 * them, create one, or pick one by name to get, update or delete it:
 * {@code projects().create(p -> p.name("ml-modeling"))},
 * {@code users().withName("alice").update(u -> u.email("alice@example.com"))}.
 *
 * @param <R> the record type
 * @param <S> its spec type
 * @param <B> the builder of its spec
 */
public interface Resources<R, S, B> extends Listable<R> {
  /**
   * Validates the spec (every problem at once), checks the tenant limit, records it and audits it.
   *
   * @throws dev.palette.error.ValidationException listing every problem with the spec
   * @throws dev.palette.error.QuotaExceededException when the tenant limit of the kind is reached
   * @throws dev.palette.error.ConflictException when the name is taken
   */
  R create(S spec);

  /** Builds the spec with {@code spec} and creates it, as {@link #create(Object)}. */
  R create(Consumer<B> spec);

  /** One record of this scope by name; it need not exist yet. */
  UpdatableResource<R, B> withName(String name);
}
