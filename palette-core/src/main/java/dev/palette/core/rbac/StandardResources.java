package dev.palette.core.rbac;

import java.util.List;

/**
 * The permission vocabulary of the engine as it stands: one row per resource, in the order error
 * messages list them, in the shape the kind registry hands in. The engine factory passes this list
 * until each kind's descriptor supplies its own row; the rows of engine services that are not
 * kinds ({@code audit}, {@code cost}, {@code tenant}) and of kinds still to come stay here.
 */
public final class StandardResources {
  private StandardResources() {}

  /** Every resource with its verbs. */
  public static List<ResourceVerbs> all() {
    return List.of(
        ResourceVerbs.kind("project", "Project"),
        ResourceVerbs.kind("cloudAccount", "Cloud Account"),
        ResourceVerbs.kind("clusterProfile", "Cluster Profile", "publish"),
        ResourceVerbs.kind("cluster", "Cluster", "kubeconfig"),
        ResourceVerbs.kind("clusterGroup", "Cluster Group"),
        ResourceVerbs.kind("virtualCluster", "Virtual Cluster", "pause", "resume"),
        ResourceVerbs.kind("appProfile", "App Profile", "publish"),
        ResourceVerbs.kind("appDeployment", "App Deployment", "deploy"),
        ResourceVerbs.kind("workspace", ""),
        ResourceVerbs.kind("user", ""),
        ResourceVerbs.kind("team", ""),
        ResourceVerbs.kind("role", ""),
        ResourceVerbs.kind("roleBinding", ""),
        ResourceVerbs.kind("audit", ""),
        ResourceVerbs.kind("cost", ""),
        ResourceVerbs.kind("tenant", ""));
  }
}
