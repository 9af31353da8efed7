package dev.palette.model;

/**
 * The shape every record shares: metadata plus the desired state the caller asked for.
 *
 * @param <S> the spec type
 */
public interface Resource<S> {
  Metadata metadata();

  S spec();

  /** Shorthand for {@code metadata().name()}. */
  default String name() {
    return metadata().name();
  }
}
