package dev.palette.core.controller;

import dev.palette.core.record.Records;
import java.util.List;
import java.util.Optional;

/**
 * A reconciler with a finalizer, seeing to it before each reconcile that the record carries the
 * finalizer (a record made before its controller kept one, or by a front door that did not add it),
 * so cleanup can never be skipped by a delete.
 */
final class FinalizerFirst implements Reconciler {
  private final Reconciler delegate;
  private final String finalizer;
  private final Records records;

  FinalizerFirst(Reconciler delegate, String finalizer, Records records) {
    this.delegate = delegate;
    this.finalizer = finalizer;
    this.records = records;
  }

  @Override
  public String kind() {
    return delegate.kind();
  }

  @Override
  public Result reconcile(String id) {
    records.addFinalizer(delegate.kind(), id, finalizer);
    return delegate.reconcile(id);
  }

  @Override
  public List<SecondaryWatch> watches() {
    return delegate.watches();
  }

  @Override
  public Optional<String> finalizer() {
    return Optional.of(finalizer);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
