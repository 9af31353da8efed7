package dev.palette.core.frontdoor;

import dev.palette.Operation;
import dev.palette.core.frontdoor.RecordOperation;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.model.Resource;

/**
 * Operations that follow one record of any kind with a status through the store's events, judged
 * by the kind's own rules for done and failed ({@link RecordOperation.Tracking}).
 */
public final class Awaiter {
  private final FrontDoor door;

  Awaiter(FrontDoor door) {
    this.door = door;
  }

  /** Follows {@code record} until its kind calls a status of the written generation done or failed. */
  public <R extends Resource<?>> Operation<R> untilDone(String description, KindDescriptor<R, ?, ?> kind, R record,
      RecordOperation.Tracking<R> tracking) {
    String id = record.metadata().id();
    return RecordOperation.untilDone(description, door.events(), door.records().codec().encode(record),
        () -> door.records().store().get(kind.name(), id), tracking);
  }

  /** Follows a deletion of {@code record} until it is gone. */
  public <R extends Resource<?>> Operation<Void> untilGone(String description, KindDescriptor<R, ?, ?> kind, R record,
      RecordOperation.Tracking<R> tracking) {
    String id = record.metadata().id();
    return RecordOperation.untilGone(description, door.events(), door.records().codec().encode(record),
        () -> door.records().store().get(kind.name(), id), tracking);
  }
}
