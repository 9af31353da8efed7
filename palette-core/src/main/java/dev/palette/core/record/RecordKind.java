package dev.palette.core.record;

import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.Resource;
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

  public R withMetadata(R record, Metadata metadata) {
    return withMetadata.apply(record, metadata);
  }
}
