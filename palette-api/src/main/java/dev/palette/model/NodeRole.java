package dev.palette.model;

/** What a node pool's nodes run. */
public enum NodeRole {
  /** The Kubernetes control plane (API server, etcd), on a self-managed cloud. */
  CONTROL_PLANE,
  /** Workloads. */
  WORKER
}
