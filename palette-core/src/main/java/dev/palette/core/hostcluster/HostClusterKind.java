package dev.palette.core.hostcluster;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.OwnerRule;
import dev.palette.core.kind.Scope;
import dev.palette.core.profile.ClusterProfileKind;
import dev.palette.core.record.RecordKind;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.TenantLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Host clusters: in projects only, with a status, reconciled by a controller. A cluster refers to
 * its project, its cloud account and its profiles, each of which cannot be deleted while it does.
 */
public final class HostClusterKind {
  /** The host cluster kind. */
  public static final KindDescriptor<HostCluster, HostClusterSpec, HostClusterSpec.Builder> DESCRIPTOR =
      KindDescriptor.<HostCluster, HostClusterSpec, HostClusterSpec.Builder>builder(RecordKind.HOST_CLUSTER)
          .scope(Scope.PROJECT)
          .resource("cluster")
          .verb("kubeconfig")
          .limit("clusters", TenantLimits::clusters)
          .status(true)
          .controlled(true)
          .owner(OwnerRule.project(OwnerRule.OnDelete.BLOCK))
          .owner(new OwnerRule<>(RecordKind.CLOUD_ACCOUNT, OwnerRule.OnDelete.BLOCK, c -> List.of(
              new OwnerRule.Ref(c.metadata().project(), c.spec().cloudAccount(), true,
                  CloudAccount.KIND + " " + c.spec().cloudAccount())), "is used by"))
          .owner(new OwnerRule<>(RecordKind.CLUSTER_PROFILE, OwnerRule.OnDelete.BLOCK, HostClusterKind::profiles,
              "is used by"))
          .name(HostClusterSpec::name, HostClusterSpec::labels)
          .model((m, spec) -> HostCluster.builder().metadata(m).spec(spec)
              .status(HostClusterStatus.builder().phase(ClusterPhase.PENDING).message("waiting to provision").build())
              .build(), HostCluster::withSpec)
          .specBuilder(HostClusterSpec::builder, HostClusterSpec::toBuilder, HostClusterSpec.Builder::build)
          .validator(HostClusterValidator::validate)
          .messages(c -> "created host cluster " + c.name() + " on " + c.spec().cloudType() + " with "
              + c.spec().nodeCount() + " nodes",
              (before, after) -> "updated host cluster " + after.name() + " to generation "
                  + after.metadata().generation() + ": " + describeChange(before.spec(), after.spec()))
          .build();

  private HostClusterKind() {}

  private static List<OwnerRule.Ref> profiles(HostCluster cluster) {
    return cluster.spec().profiles().stream().map(ref -> new OwnerRule.Ref(cluster.metadata().project(),
        ClusterProfileKind.storedName(ref.name(), ref.version()), true,
        "ClusterProfile " + ref.name() + ":" + ref.version())).toList();
  }

  private static String describeChange(HostClusterSpec before, HostClusterSpec after) {
    List<String> changes = new ArrayList<>();
    for (var pool : after.nodePools()) {
      int old = before.nodePool(pool.name()).map(p -> p.size()).orElse(0);
      if (old != pool.size()) {
        changes.add("pool " + pool.name() + " " + old + " -> " + pool.size());
      }
    }
    return changes.isEmpty() ? "spec changed" : String.join(", ", changes);
  }
}
