package dev.palette.model;

import java.util.List;

/**
 * What every kind with outside state reports of it, in one shape: where its controller stands
 * ({@link #phaseName()}, {@link #progress()}, {@link #message()}), the facts it observed
 * ({@link #conditions()}), and which spec generation that describes. An {@link dev.palette.Operation}
 * follows any record through this shape. A kind's status model implements it and adds its own
 * fields, for example a host cluster's nodes.
 */
public interface Status {
  /** The phase of a record whose controller is cleaning up after a delete request. */
  String DELETING = "DELETING";

  /** The phase, for example {@code RUNNING}; the name of the kind's own phase enum when it has one. */
  String phaseName();

  /** Observed facts, in the style of Kubernetes conditions. */
  List<Condition> conditions();

  /** The spec generation the status describes; below {@code metadata.generation} while work is pending. */
  long observedGeneration();

  /** A line for humans about the phase; empty when there is nothing to say. */
  String message();

  /** Percent done of the current phase's work, 0 to 100. */
  int progress();
}
