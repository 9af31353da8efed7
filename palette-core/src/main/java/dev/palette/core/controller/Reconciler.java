package dev.palette.core.controller;

/**
 * Brings one record of a kind towards its spec. Level-triggered: it reads the record afresh each
 * time and must be safe to call any number of times. The runtime never runs two reconciles of one
 * record at once.
 */
public interface Reconciler {
  /** The record kind this reconciler owns. */
  String kind();

  /** Takes the next step for the record with this id; an absent record is {@link Result#done()}. */
  Result reconcile(String id);
}
