package dev.palette.dsl;

/**
 * Names a kind the engine manages, with its record, spec and spec builder types, so that
 * {@code clusterMode().kind(ref)} hands out its collections. An engine's kind descriptors are
 * kind references.
 *
 * @param <R> the record type
 * @param <S> its spec type
 * @param <B> the builder of its spec
 */
public interface KindRef<R, S, B> {
  /** The kind's name, for example {@code HostCluster}. */
  String name();
}
