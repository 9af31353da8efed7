package dev.palette.sandbox;

/** Where the sandbox can inject a failure into its simulation of infrastructure. */
public enum FaultPoint {
  /** Creating a cluster that does not exist yet. */
  CREATE,
  /** Adding, replacing or removing nodes of a cluster that exists. */
  NODES,
  /** Deleting a cluster. */
  DELETE,
  /** Starting a cluster's API server and issuing its kubeconfig. */
  KUBECONFIG
}
