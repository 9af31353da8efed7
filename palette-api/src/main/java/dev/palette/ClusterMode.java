package dev.palette;

import dev.palette.dsl.CloudAccounts;
import dev.palette.dsl.ClusterProfiles;
import dev.palette.dsl.HostClusterOperations;
import dev.palette.dsl.ProjectOperations;
import dev.palette.dsl.Scoped;

/**
 * Cluster Mode: projects, cloud accounts, cluster profiles and host clusters, for platform
 * engineers. A view over the same engine and state as {@link AppMode}.
 */
public interface ClusterMode {
  ProjectOperations projects();

  Scoped<CloudAccounts> cloudAccounts();

  Scoped<ClusterProfiles> clusterProfiles();

  HostClusterOperations clusters();

  /** The principal calls through this view run as. */
  Principal principal();

  /** The App Mode view of the same state. */
  AppMode appMode();
}
