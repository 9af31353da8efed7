package dev.palette.core.controller;

import dev.palette.core.record.Records;
import dev.palette.model.Metadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The finalizers the controllers of each kind keep, for the front door to put on a record when it
 * creates one. A kind no controller finalizes has none, and the front door deletes its records at
 * once.
 */
public final class KindFinalizers {
  private final Map<String, List<String>> byKind;

  KindFinalizers(List<Reconciler> reconcilers) {
    this.byKind = reconcilers.stream()
        .filter(r -> r.finalizer().isPresent())
        .collect(Collectors.groupingBy(Reconciler::kind,
            Collectors.mapping(r -> r.finalizer().orElseThrow(), Collectors.toUnmodifiableList())));
  }

  /** The finalizers of a kind, in registration order; empty for a kind no controller finalizes. */
  public List<String> of(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** The metadata of a record about to be created, with its kind's finalizers. */
  public Metadata onCreate(Metadata metadata) {
    List<String> finalizers = of(metadata.kind());
    return finalizers.isEmpty() ? metadata : Records.withFinalizers(metadata, finalizers);
  }
}
