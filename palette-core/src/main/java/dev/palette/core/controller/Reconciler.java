package dev.palette.core.controller;

import java.util.List;
import java.util.Optional;

/**
 * Brings one record of its primary kind towards its spec. Level-triggered: it reads the record
 * afresh each time and must be safe to call any number of times.
 *
 * <p>What the runtime promises a reconciler:
 * <ul>
 *   <li>It never runs two reconciles of one record at once; records run in parallel on a bounded pool.
 *   <li>A record is reconciled when it is created, when its generation moves (a spec change), when
 *       deletion is requested and when it is deleted (then it reads as absent); a write that
 *       changes only its status or its finalizers does not wake it.
 *   <li>For each {@linkplain #watches() secondary kind}, every change of a secondary record, status
 *       writes included, reconciles the primaries its mapper names.
 *   <li>Every record of the kind is reconciled when the controllers start (on open, and whenever
 *       this engine is elected leader) and again at each resync period, so drift outside is seen.
 *   <li>A reconciler that names a {@linkplain #finalizer() finalizer} finds it on every record
 *       not being deleted before its reconcile runs. On a record marked {@code deletionRequested}
 *       it cleans up what it made outside, then calls
 *       {@link dev.palette.core.record.Records#removeFinalizer}; the record is deleted when the
 *       last finalizer goes.
 *   <li>A thrown exception or error, and {@link Result#retry}, come back after an exponential
 *       backoff with jitter; {@link Result#requeueAfter} after the delay asked for.
 * </ul>
 */
public interface Reconciler {
  /** The record kind this reconciler owns: its primary kind. */
  String kind();

  /** Takes the next step for the record with this id; an absent record is {@link Result#done()}. */
  Result reconcile(String id);

  /** Other kinds whose changes affect records of this kind, each with the mapper that says which. */
  default List<SecondaryWatch> watches() {
    return List.of();
  }

  /**
   * The finalizer this reconciler keeps on records of its kind, for example
   * {@code palette.dev/host-cluster}, when it has outside state to clean up before a record may go.
   */
  default Optional<String> finalizer() {
    return Optional.empty();
  }
}
