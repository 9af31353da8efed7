package dev.palette.core.hostcluster;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.core.cloudaccount.CloudTypes;
import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.Limits;
import dev.palette.core.kind.Violations;
import dev.palette.core.profile.ClusterProfileKind;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A host cluster spec's generic rules (names, sizes, unique pool names, the account and profiles
 * it refers to, instance types from the catalog), then its provider's own rules.
 */
final class HostClusterValidator {
  private HostClusterValidator() {}

  static void validate(KindContext context, Violations v, String project, HostClusterSpec before,
      HostClusterSpec spec) {
    Records records = context.records();
    ProviderRegistry providers = context.service(ProviderRegistry.class);
    v.tags("tags", spec.tags());
    boolean knownCloud = providers.ids().contains(spec.cloudType());
    if (!knownCloud) {
      v.add("cloudType", CloudTypes.unknown(providers, spec.cloudType()));
    }
    Optional<CloudAccount> account = Optional.empty();
    if (spec.cloudAccount().length() > Limits.NAME_LENGTH) {
      v.name("cloudAccount", spec.cloudAccount());
    } else if (spec.cloudAccount().isEmpty()) {
      v.add("cloudAccount", "must name a cloud account of cloud type '" + spec.cloudType() + "'");
    } else {
      account = records.getInProjectOrTenant(RecordKind.CLOUD_ACCOUNT, project, spec.cloudAccount());
      if (account.isEmpty()) {
        v.add("cloudAccount", "no cloud account " + shown(spec.cloudAccount()) + " in project " + project
            + " or the tenant");
      } else if (account.get().metadata().deletionRequested()) {
        v.add("cloudAccount", "cloud account " + spec.cloudAccount() + " is being deleted");
      } else if (knownCloud && !account.get().spec().cloudType().equals(spec.cloudType())) {
        v.add("cloudAccount", "'" + spec.cloudAccount() + "' is for cloud type '"
            + account.get().spec().cloudType() + "', not '" + spec.cloudType() + "'");
      }
    }
    profiles(records, v, project, spec);
    if (spec.nodePools().isEmpty()) {
      v.add("nodePools", "must have at least one pool");
    }
    Optional<List<String>> known = !knownCloud ? Optional.empty()
        : lookup(context.service(InstanceCatalog.class), spec, account)
            .map(types -> types.stream().map(InstanceType::name).toList());
    v.count("nodePools", spec.nodePools().size(), Limits.POOLS_PER_CLUSTER);
    Set<String> names = new HashSet<>();
    long nodes = 0;
    for (int i = 0; i < spec.nodePools().size(); i++) {
      var pool = spec.nodePools().get(i);
      String at = "nodePools[" + i + "]";
      v.name(at + ".name", pool.name());
      v.labels(at + ".labels", pool.labels());
      if (!names.add(pool.name())) {
        v.add(at + ".name", shown(pool.name()) + " is used by another pool; pool names are unique");
      }
      if (pool.size() < 0) {
        v.add(at + ".size", "is " + pool.size() + "; must be 0 or more");
      } else if (pool.size() > Limits.NODES_PER_POOL) {
        v.add(at + ".size", "is " + pool.size() + "; a pool has at most " + Limits.NODES_PER_POOL + " nodes");
      }
      nodes += Math.max(0, pool.size());
      if (known.isPresent() && !known.get().contains(pool.instanceType())) {
        v.add(at + ".instanceType", shown(pool.instanceType()) + " is not offered by " + spec.cloudType()
            + "; choose one of " + known.get());
      }
      if (pool.diskGiB() < 20 || pool.diskGiB() > Limits.DISK_GIB) {
        v.add(at + ".diskGiB", "is " + pool.diskGiB() + "; must be 20 to " + Limits.DISK_GIB);
      }
    }
    if (nodes > Limits.NODES_PER_CLUSTER) {
      v.add("nodePools", "hold " + nodes + " nodes; a cluster has at most " + Limits.NODES_PER_CLUSTER);
    }
    if (knownCloud) {
      // The provider's own rules (a control plane or none, its sizes): pure and local, no cloud call.
      CloudAccountSpec accountSpec = account.map(CloudAccount::spec).orElseGet(() ->
          CloudAccountSpec.builder().name(spec.cloudAccount()).cloudType(spec.cloudType()).build());
      v.addAll(providers.require(spec.cloudType()).validateCluster(spec, accountSpec));
    }
  }

  // What the account is offered in the cluster's region; for an unknown account, what its cloud
  // offers any account, so the pools are still checked. Empty (unchecked) until the catalog knows.
  private static Optional<List<InstanceType>> lookup(InstanceCatalog catalog, HostClusterSpec spec,
      Optional<CloudAccount> account) {
    return account.isPresent()
        ? catalog.instanceTypes(spec.cloudType(), account.get().metadata().id(), spec.region())
        : catalog.anyAccount(spec.cloudType());
  }

  private static void profiles(Records records, Violations v, String project, HostClusterSpec spec) {
    v.count("profiles", spec.profiles().size(), Limits.LIST_ENTRIES);
    for (int i = 0; i < spec.profiles().size() && i < Limits.LIST_ENTRIES; i++) {
      var ref = spec.profiles().get(i);
      if (ref.name().length() > Limits.NAME_LENGTH || ref.version().length() > Limits.NAME_LENGTH) {
        v.add("profiles[" + i + "]", "no cluster profile " + shown(ref.name()) + " version "
            + shown(ref.version()));
        continue;
      }
      Optional<ClusterProfile> profile = records.getInProjectOrTenant(RecordKind.CLUSTER_PROFILE, project,
          ClusterProfileKind.storedName(ref.name(), ref.version()));
      if (profile.isEmpty()) {
        v.add("profiles[" + i + "]", "no cluster profile " + shown(ref.name()) + " version "
            + shown(ref.version()) + " in project " + project + " or the tenant");
      } else {
        String cloud = profile.get().spec().cloudType();
        if (!cloud.equals("all") && !cloud.equals(spec.cloudType())) {
          v.add("profiles[" + i + "]", "profile " + ref.name() + " is for cloud type '" + cloud
              + "', not '" + spec.cloudType() + "'");
        }
      }
    }
  }
}
