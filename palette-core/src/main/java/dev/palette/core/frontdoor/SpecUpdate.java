package dev.palette.core.frontdoor;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Violations;
import dev.palette.core.record.Records;
import dev.palette.core.record.Secrets;
import dev.palette.error.ConflictException;
import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import java.time.Clock;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The compare-and-set loop every spec update of a stored record goes through: read the record,
 * apply the caller's change to its spec, validate, write against the revision read, and read
 * again when another write raced this one. Metadata labels follow the spec's labels. A kind that
 * keeps secrets gets the change applied to its masked spec, merged with the stored one.
 *
 * @param <R> the record type
 * @param <S> its spec type
 * @param <B> its spec builder
 */
final class SpecUpdate<R extends Resource<S>, S, B> {
  private static final int ATTEMPTS = 16;

  /** Checks a changed spec against the one it replaces, adding every problem. */
  @FunctionalInterface
  interface Check<S> {
    void check(Violations v, S before, S after);
  }

  private final KindDescriptor<R, S, B> kind;
  private final Records records;
  private final Clock clock;

  SpecUpdate(KindDescriptor<R, S, B> kind, Records records, Clock clock) {
    this.kind = kind;
    this.records = records;
    this.clock = clock;
  }

  /**
   * Applies {@code change} to the spec of the record stored as {@code storedName} in {@code project}.
   *
   * @param write writes the changed record (second) read as the first, by compare-and-set, and audits it
   * @return the record as written, or as it was when the change changed nothing
   * @throws dev.palette.error.NotFoundException when there is no such record
   * @throws dev.palette.error.ValidationException when the changed spec fails {@code check}; nothing
   *     is written then
   */
  R apply(String project, String storedName, UnaryOperator<S> change, Check<S> check,
      BinaryOperator<R> write) {
    for (int attempt = 1; ; attempt++) {
      R current = kind.keepsSecrets() ? records.requireWithSecrets(kind.record(), project, storedName)
          : records.require(kind.record(), project, storedName);
      S before = current.spec();
      S after = kind.keepsSecrets()
          ? kind.merge(before, change.apply(Secrets.redacted(current).spec())) : change.apply(before);
      Violations v = new Violations();
      check.check(v, before, after);
      v.throwIfAny(kind.name() + " '" + kind.nameOf(before) + "'");
      if (after.equals(before)) {
        return Secrets.redacted(current);
      }
      Metadata m = current.metadata();
      R next = kind.record().withMetadata(kind.withSpec(current, after), m.withLabels(kind.labelsOf(after))
          .withGeneration(m.generation() + 1).withUpdatedAt(clock.instant()));
      try {
        return write.apply(current, next);
      } catch (ConflictException e) {
        // Another write moved the revision; the change is a function of the spec, so apply it again.
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
