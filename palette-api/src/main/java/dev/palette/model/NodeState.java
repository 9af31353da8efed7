package dev.palette.model;

/** The states of one node of a host cluster. */
public enum NodeState {
  PENDING,
  PROVISIONING,
  PROVISIONED,
  RUNNING,
  DELETING,
  DELETED,
  FAILED,
  UNKNOWN
}
