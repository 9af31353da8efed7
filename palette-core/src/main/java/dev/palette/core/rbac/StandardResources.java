package dev.palette.core.rbac;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

  /**
   * The vocabulary for the registered kinds: the standard rows, with each registered kind's own
   * verbs, then the rows of registered kinds the standard list does not know, in registry order.
   *
   * @param verbsByResource each registered kind's permission resource and verbs
   */
  public static List<ResourceVerbs> with(Map<String, List<String>> verbsByResource) {
    List<ResourceVerbs> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ResourceVerbs row : all()) {
      List<String> verbs = verbsByResource.get(row.resource());
      out.add(verbs == null ? row : new ResourceVerbs(row.resource(), verbs, row.roleName()));
      seen.add(row.resource());
    }
    verbsByResource.forEach((resource, verbs) -> {
      if (seen.add(resource)) {
        out.add(new ResourceVerbs(resource, verbs, ""));
      }
    });
    return List.copyOf(out);
  }
}
