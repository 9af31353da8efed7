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

  /**
   * A short description for logs and debuggers, which {@code toString()} returns: kind, project and
   * name, and for some kinds the few fields that tell records apart (never a secret), for example
   * {@code HostCluster[ml-modeling/gpu-1, RUNNING, gen 3]} or {@code Project[ml-modeling]}.
   */
  // Abstract because the generated toString() can call only a default of the type it implements.
  String summary();
}
