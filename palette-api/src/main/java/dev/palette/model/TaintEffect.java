package dev.palette.model;

/** What a taint does to pods that do not tolerate it, as in Kubernetes. */
public enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE,
  /** The scheduler avoids the node where it can. */
  PREFER_NO_SCHEDULE,
  /** Pods running there are evicted too. */
  NO_EXECUTE
}
