package dev.palette.core.record;

import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.Resource;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.Team;
import dev.palette.model.User;
import dev.palette.model.Workspace;
import java.util.function.BiFunction;

/**
 * A record kind the engine stores: its name, its model class, and how to put new metadata on it.
 *
 * @param <R> the model type
 */
public record RecordKind<R extends Resource<?>>(
    String name, Class<R> type, BiFunction<R, Metadata, R> withMetadata) {

  public static final RecordKind<Project> PROJECT =
      new RecordKind<>(Project.KIND, Project.class, Project::withMetadata);
  public static final RecordKind<CloudAccount> CLOUD_ACCOUNT =
      new RecordKind<>(CloudAccount.KIND, CloudAccount.class, CloudAccount::withMetadata);
  public static final RecordKind<ClusterProfile> CLUSTER_PROFILE =
      new RecordKind<>(ClusterProfile.KIND, ClusterProfile.class, ClusterProfile::withMetadata);
  public static final RecordKind<HostCluster> HOST_CLUSTER =
      new RecordKind<>(HostCluster.KIND, HostCluster.class, HostCluster::withMetadata);

  public static final RecordKind<User> USER = new RecordKind<>(User.KIND, User.class, User::withMetadata);
  public static final RecordKind<Team> TEAM = new RecordKind<>(Team.KIND, Team.class, Team::withMetadata);
  public static final RecordKind<Role> ROLE = new RecordKind<>(Role.KIND, Role.class, Role::withMetadata);
  public static final RecordKind<RoleBinding> ROLE_BINDING =
      new RecordKind<>(RoleBinding.KIND, RoleBinding.class, RoleBinding::withMetadata);
  public static final RecordKind<Workspace> WORKSPACE =
      new RecordKind<>(Workspace.KIND, Workspace.class, Workspace::withMetadata);

  public R withMetadata(R record, Metadata metadata) {
    return withMetadata.apply(record, metadata);
  }
}
