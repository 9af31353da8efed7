package dev.palette.core.facade;

import dev.palette.Operation;
import dev.palette.Progress;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.error.ProviderException;
import dev.palette.model.Resource;
import java.util.Optional;
import java.util.function.Function;

/**
 * Operations that follow one record of any kind through the store's events until a judge of its
 * states says the work is done or failed.
 */
public final class Awaiter {
  /** How one state of the followed record is judged. */
  public sealed interface Verdict<T> {}

  /** Still working. */
  public record Working<T>(Progress progress) implements Verdict<T> {}

  /** Done, with a result. */
  public record Done<T>(T result, Progress progress) implements Verdict<T> {}

  /** Failed; {@code cause} is the provider's failure when one is known, else null. */
  public record Failed<T>(String message, Progress progress, ProviderException cause) implements Verdict<T> {}

  private final FrontDoor door;

  Awaiter(FrontDoor door) {
    this.door = door;
  }

  /**
   * Follows {@code record} from its current state.
   *
   * @param judge judges each state; empty when the record is gone
   */
  public <R extends Resource<?>, T> Operation<T> follow(String description, KindDescriptor<R, ?, ?> kind, R record,
      Function<Optional<R>, Verdict<T>> judge) {
    String id = record.metadata().id();
    return RecordOperation.follow(description, door.events(), id, door.records().codec().encode(record),
        () -> door.records().store().get(kind.name(), id),
        state -> outcome(judge.apply(state.map(s -> door.records().codec().decode(kind.record(), s)))));
  }

  private static <T> RecordOperation.Outcome<T> outcome(Verdict<T> verdict) {
    if (verdict instanceof Working<T> w) {
      return new RecordOperation.Working<>(w.progress());
    }
    if (verdict instanceof Done<T> d) {
      return new RecordOperation.Done<>(d.result(), d.progress());
    }
    Failed<T> f = (Failed<T>) verdict;
    return new RecordOperation.Failed<>(f.message(), f.progress(), f.cause());
  }
}
