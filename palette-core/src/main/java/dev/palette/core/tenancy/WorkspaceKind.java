package dev.palette.core.tenancy;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.OwnerRule;
import dev.palette.core.kind.Scope;
import dev.palette.core.kind.Violations;
import dev.palette.core.record.RecordKind;
import dev.palette.model.HostCluster;
import dev.palette.model.NamespaceAllocation;
import dev.palette.model.TenantLimits;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Workspaces: in projects only, over clusters of their project, which cannot be deleted while a
 * workspace names them; namespace allocations stay within the workspace quota.
 */
public final class WorkspaceKind {
  /** The workspace kind. */
  public static final KindDescriptor<Workspace, WorkspaceSpec, WorkspaceSpec.Builder> DESCRIPTOR =
      KindDescriptor.<Workspace, WorkspaceSpec, WorkspaceSpec.Builder>builder(RecordKind.WORKSPACE)
          .scope(Scope.PROJECT)
          .resource("workspace")
          .limit("workspaces", TenantLimits::workspaces)
          .owner(OwnerRule.project(OwnerRule.OnDelete.BLOCK))
          .owner(new OwnerRule<>(RecordKind.HOST_CLUSTER, OwnerRule.OnDelete.BLOCK, w -> w.spec().clusters().stream()
              .map(c -> new OwnerRule.Ref(w.metadata().project(), c, false,
                  HostCluster.KIND + " " + w.metadata().project() + "/" + c)).toList(), "is named by"))
          .name(WorkspaceSpec::name, WorkspaceSpec::labels)
          .model((m, spec) -> Workspace.builder().metadata(m).spec(spec).build(), Workspace::withSpec)
          .specBuilder(WorkspaceSpec::builder, WorkspaceSpec::toBuilder, WorkspaceSpec.Builder::build)
          .validator(WorkspaceKind::validate)
          .messages(w -> "created workspace " + w.name() + " with " + w.spec().clusters().size()
              + " cluster(s) and " + w.spec().namespaces().size() + " namespace(s)",
              (before, after) -> "updated workspace " + after.name() + " to " + after.spec().clusters().size()
                  + " cluster(s) and " + after.spec().namespaces().size() + " namespace(s)")
          .build();

  private WorkspaceKind() {}

  private static void validate(KindContext context, Violations v, String project, WorkspaceSpec before,
      WorkspaceSpec spec) {
    v.count("clusters", spec.clusters().size(), Limits.LIST_ENTRIES);
    v.count("namespaces", spec.namespaces().size(), Limits.LIST_ENTRIES);
    v.count("imageDenyList", spec.imageDenyList().size(), Limits.LIST_ENTRIES);
    Set<String> clusters = new HashSet<>();
    for (int i = 0; i < spec.clusters().size() && i < Limits.LIST_ENTRIES; i++) {
      String cluster = spec.clusters().get(i);
      Optional<HostCluster> found = cluster.length() > Limits.NAME_LENGTH ? Optional.empty()
          : context.records().getByName(RecordKind.HOST_CLUSTER, project, cluster);
      if (!clusters.add(cluster)) {
        v.add("clusters[" + i + "]", shown(cluster) + " is listed twice");
      } else if (found.isEmpty()) {
        v.add("clusters[" + i + "]", "no host cluster " + shown(cluster) + " in project " + project);
      } else if (found.get().metadata().deletionRequested()) {
        v.add("clusters[" + i + "]", "host cluster " + cluster + " is being deleted");
      }
    }
    Set<String> namespaces = new HashSet<>();
    long cpu = 0;
    long memory = 0;
    long gpus = 0;
    for (int i = 0; i < spec.namespaces().size(); i++) {
      NamespaceAllocation ns = spec.namespaces().get(i);
      String at = "namespaces[" + i + "]";
      v.name(at + ".namespace", ns.namespace());
      if (!namespaces.add(ns.namespace())) {
        v.add(at + ".namespace", shown(ns.namespace()) + " is listed twice");
      }
      if (ns.cpuMillicores() < 0) {
        v.add(at + ".cpuMillicores", "is " + ns.cpuMillicores() + "; must be 0 or more");
      }
      if (ns.memoryMiB() < 0) {
        v.add(at + ".memoryMiB", "is " + ns.memoryMiB() + "; must be 0 or more");
      }
      if (ns.gpus() < 0) {
        v.add(at + ".gpus", "is " + ns.gpus() + "; must be 0 or more");
      }
      cpu += ns.cpuMillicores();
      memory += ns.memoryMiB();
      gpus += ns.gpus();
    }
    NamespaceAllocation quota = spec.quota();
    if (cpu > quota.cpuMillicores()) {
      v.add("quota.cpuMillicores", "namespaces allocate " + cpu + "m CPU, more than the quota of "
          + quota.cpuMillicores() + "m");
    }
    if (memory > quota.memoryMiB()) {
      v.add("quota.memoryMiB", "namespaces allocate " + memory + " MiB, more than the quota of "
          + quota.memoryMiB() + " MiB");
    }
    if (gpus > quota.gpus()) {
      v.add("quota.gpus", "namespaces allocate " + gpus + " GPUs, more than the quota of " + quota.gpus());
    }
    for (int i = 0; i < spec.imageDenyList().size(); i++) {
      if (spec.imageDenyList().get(i).isBlank()) {
        v.add("imageDenyList[" + i + "]", "must not be blank; give an image reference or prefix");
      } else {
        v.line("imageDenyList[" + i + "]", spec.imageDenyList().get(i), Limits.LINE_LENGTH);
      }
    }
  }
}
