package dev.palette.model;

/** The lifecycle states of a host cluster, as Palette names them. */
public enum ClusterPhase {
  PENDING,
  PROVISIONING,
  RUNNING,
  DELETING,
  DELETED,
  ERROR,
  IMPORTING;

  /** True for the states in which the controller is still working towards a goal. */
  public boolean inProgress() {
    return this == PENDING || this == PROVISIONING || this == DELETING || this == IMPORTING;
  }
}
