package dev.palette.core;

import dev.palette.core.cloudaccount.CloudAccountKind;
import dev.palette.core.hostcluster.HostClusterKind;
import dev.palette.core.kind.KindRegistry;
import dev.palette.core.profile.ClusterProfileKind;
import dev.palette.core.project.ProjectKind;
import dev.palette.core.tenancy.RoleBindingKind;
import dev.palette.core.tenancy.RoleKind;
import dev.palette.core.tenancy.TeamKind;
import dev.palette.core.tenancy.UserKind;
import dev.palette.core.tenancy.WorkspaceKind;

/** The kinds every engine manages, in the order refusals list them. */
final class BuiltInKinds {
  private BuiltInKinds() {}

  /** A new registry holding the built-in kinds, to which more may be added before the engine opens. */
  static KindRegistry registry() {
    return new KindRegistry()
        .register(ProjectKind.DESCRIPTOR)
        .register(HostClusterKind.DESCRIPTOR)
        .register(CloudAccountKind.DESCRIPTOR)
        .register(ClusterProfileKind.DESCRIPTOR)
        .register(WorkspaceKind.DESCRIPTOR)
        .register(UserKind.DESCRIPTOR)
        .register(TeamKind.DESCRIPTOR)
        .register(RoleKind.DESCRIPTOR)
        .register(RoleBindingKind.DESCRIPTOR);
  }
}
