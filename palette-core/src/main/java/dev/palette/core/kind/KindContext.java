package dev.palette.core.kind;

import dev.palette.core.record.Records;

/** What a kind's validator and delete check may read: the records, and the engine's services. */
public interface KindContext {
  Records records();

  /**
   * An engine service by type, for example the provider registry of a feature's validator.
   *
   * @throws IllegalStateException when the engine has none of that type
   */
  <T> T service(Class<T> type);
}
