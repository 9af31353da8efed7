package dev.palette.core.facade;

import static dev.palette.core.facade.Limits.shown;

import dev.palette.Operation;
import dev.palette.Principal;
import dev.palette.Progress;
import dev.palette.Subscription;
import dev.palette.core.hostcluster.ProviderConditions;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.record.Secrets;
import dev.palette.dsl.Specs;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.event.RecordEvent;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterPhase;
import dev.palette.model.ClusterProfile;
import dev.palette.model.ClusterProfileSpec;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.Kubeconfig;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.Resource;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine's front door: validates a request (every violation at once), writes desired state
 * and returns a handle. It never calls a cloud, except to read a kubeconfig.
 */
public final class Facade {
  private static final int UPDATE_ATTEMPTS = 16;

  private final Records records;
  private final ProviderRegistry providers;
  private final EventHub events;
  private final Guard guard;
  private final Creates creates;
  private final Dependents dependents;
  private final Clock clock;

  Facade(Records records, ProviderRegistry providers, EventHub events, Guard guard,
      Creates creates, Dependents dependents, Clock clock) {
    this.records = records;
    this.dependents = dependents;
    this.providers = providers;
    this.events = events;
    this.guard = guard;
    this.creates = creates;
    this.clock = clock;
  }

  // ---- projects, cloud accounts, profiles ----

  Project createProject(Principal caller, ProjectSpec spec) {
    guard.check(caller, Action.PROJECT_CREATE, "", spec.name());
    Violations v = new Violations();
    v.name("name", spec.name());
    v.description("description", spec.description());
    v.labels("labels", spec.labels());
    v.throwIfAny("Project " + shown(spec.name()));
    Project project =
        Project.builder().metadata(newMetadata(Project.KIND, "", spec.name(), spec.labels(), caller))
            .spec(spec).build();
    return creates.create(caller, Action.PROJECT_CREATE, "", spec.name(), RecordKind.PROJECT, project,
        List.of(), "created project " + spec.name());
  }

  Project updateProject(Principal caller, String name, Consumer<ProjectSpec.Builder> changes) {
    guard.check(caller, Action.PROJECT_UPDATE, name, name);
    SpecUpdate.Change<Project> change = SpecUpdate.PROJECT.apply(records, clock, "", name,
        spec -> Specs.build(spec.toBuilder(), changes, ProjectSpec.Builder::build), (v, before, after) -> { },
        next -> guard.update(caller, Action.PROJECT_UPDATE, name, name, RecordKind.PROJECT, next,
            r -> "updated project " + name));
    return change.after();
  }

  void deleteProject(Principal caller, String name) {
    guard.check(caller, Action.PROJECT_DELETE, name, name);
    guard.write(caller, Action.PROJECT_DELETE, name, name,
        sequence -> dependents.delete(RecordKind.PROJECT, "", name, () -> projectBlockers(name)),
        r -> "deleted project " + name);
  }

  // Every kind that still lives in the project, with counts and the first few names of each.
  private String projectBlockers(String project) {
    List<String> counts = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (RecordKind<?> kind : List.of(RecordKind.HOST_CLUSTER, RecordKind.CLOUD_ACCOUNT,
        RecordKind.CLUSTER_PROFILE, RecordKind.WORKSPACE)) {
      List<StoredRecord> held = records.store().list(RecordQuery.inScope(kind.name(), project));
      if (!held.isEmpty()) {
        counts.add(held.size() + " " + kind.name());
        held.stream().limit(5).forEach(r -> names.add(kind.name() + " " + r.name()));
        if (held.size() > 5) {
          names.add("and " + (held.size() - 5) + " more " + kind.name());
        }
      }
    }
    if (counts.isEmpty()) {
      return null;
    }
    String kinds = counts.size() == 1 ? counts.get(0)
        : String.join(", ", counts.subList(0, counts.size() - 1)) + " and " + counts.get(counts.size() - 1);
    return "Project " + project + " still holds " + kinds + " record(s): " + String.join(", ", names)
        + "; delete them first";
  }

  CloudAccount createCloudAccount(Principal caller, String project, CloudAccountSpec spec) {
    guard.check(caller, Action.CLOUD_ACCOUNT_CREATE, project, spec.name());
    Violations v = new Violations();
    v.name("name", spec.name());
    v.labels("labels", spec.labels());
    v.settings("settings", spec.settings());
    v.settings("credentials", spec.credentials());
    checkProject(v, project);
    checkAccount(v, spec, true);
    v.throwIfAny("CloudAccount " + shown(spec.name()));
    CloudAccount account =
        CloudAccount.builder()
            .metadata(newMetadata(CloudAccount.KIND, project, spec.name(), spec.labels(), caller))
            .spec(spec)
            .build();
    List<Dependents.Owner> owners = projectOwner(project);
    return creates.create(caller, Action.CLOUD_ACCOUNT_CREATE, project, spec.name(), RecordKind.CLOUD_ACCOUNT,
        account, owners, "created cloud account " + spec.name() + " for cloud type " + spec.cloudType());
  }

  /** Changes an account, credentials included; a credential left {@link Secrets#MASK} keeps its value. */
  CloudAccount updateCloudAccount(
      Principal caller, String project, String name, Consumer<CloudAccountSpec.Builder> changes) {
    guard.check(caller, Action.CLOUD_ACCOUNT_UPDATE, project, name);
    for (int attempt = 1; ; attempt++) {
      CloudAccount current = records.requireWithSecrets(RecordKind.CLOUD_ACCOUNT, project, name);
      CloudAccountSpec.Builder builder = Secrets.redacted(current).spec().toBuilder();
      changes.accept(builder);
      CloudAccountSpec requested = builder.build();
      Map<String, String> credentials = new java.util.LinkedHashMap<>();
      requested.credentials().forEach((key, value) -> credentials.put(key,
          Secrets.MASK.equals(value) && current.spec().credentials().containsKey(key)
              ? current.spec().credentials().get(key) : value));
      CloudAccountSpec spec = requested.withCredentials(credentials);
      Violations v = new Violations();
      if (!spec.name().equals(name)) {
        v.add("name", "cannot change from '" + name + "'; create a new account instead");
      }
      if (!spec.cloudType().equals(current.spec().cloudType())) {
        v.add("cloudType", "cannot change from '" + current.spec().cloudType()
            + "'; create a new account for cloud type '" + spec.cloudType() + "'");
      }
      checkAccount(v, spec, spec.cloudType().equals(current.spec().cloudType()));
      v.throwIfAny("CloudAccount '" + name + "'");
      if (spec.equals(current.spec())) {
        return Secrets.redacted(current);
      }
      Metadata m = current.metadata();
      CloudAccount next = current.withSpec(spec).withMetadata(m.withGeneration(m.generation() + 1)
          .withLabels(spec.labels()).withUpdatedAt(clock.instant()));
      try {
        return guard.update(caller, Action.CLOUD_ACCOUNT_UPDATE, project, name, RecordKind.CLOUD_ACCOUNT, next,
            r -> "updated cloud account " + name + ": " + describeChange(current.spec(), spec));
      } catch (ConflictException e) {
        if (attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  // The provider sees the real values; the placeholder itself is never a credential.
  private void checkAccount(Violations v, CloudAccountSpec spec, boolean askProvider) {
    spec.credentials().forEach((key, value) -> {
      if (Secrets.MASK.equals(value)) {
        v.add("credentials." + key, "is the redacted placeholder " + Secrets.MASK
            + ", not a value; give the credential's value");
      }
    });
    if (!askProvider) {
      return;
    }
    Optional<CloudProvider> provider = providers.find(spec.cloudType());
    if (provider.isEmpty()) {
      v.add("cloudType", providers.unknown(spec.cloudType()));
    } else {
      v.addAll(provider.get().validateAccount(spec));
    }
  }

  // Names what changed; credential names are shown on every read, their values never.
  private static String describeChange(CloudAccountSpec before, CloudAccountSpec after) {
    List<String> changes = new java.util.ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(before.credentials().keySet());
    keys.addAll(after.credentials().keySet());
    List<String> rotated = keys.stream()
        .filter(k -> !java.util.Objects.equals(before.credentials().get(k), after.credentials().get(k)))
        .toList();
    if (!rotated.isEmpty()) {
      changes.add("credentials " + rotated + " changed");
    }
    if (!before.settings().equals(after.settings())) {
      changes.add("settings changed");
    }
    if (!before.labels().equals(after.labels())) {
      changes.add("labels changed");
    }
    return String.join(", ", changes);
  }

  // Which host clusters (of the project, or of every scope for a tenant record) still use a record,
  // as a delete's refusal; null when none does.
  private String clustersUsing(String project, Predicate<HostCluster> uses, String what) {
    List<String> users = records.list(RecordKind.HOST_CLUSTER, project.isEmpty() ? null : project).stream()
        .filter(uses)
        .map(c -> c.metadata().project() + "/" + c.name())
        .toList();
    return users.isEmpty() ? null : what + " is used by host clusters " + users + "; delete them first";
  }

  void deleteCloudAccount(Principal caller, String project, String name) {
    guard.check(caller, Action.CLOUD_ACCOUNT_DELETE, project, name);
    guard.write(caller, Action.CLOUD_ACCOUNT_DELETE, project, name, sequence ->
        dependents.delete(RecordKind.CLOUD_ACCOUNT, project, name, () -> clustersUsing(project,
            c -> c.spec().cloudAccount().equals(name), "CloudAccount " + address(project, name))),
        r -> "deleted cloud account " + name);
  }

  ClusterProfile createClusterProfile(Principal caller, String project, ClusterProfileSpec spec) {
    guard.check(caller, Action.CLUSTER_PROFILE_CREATE, project, spec.name());
    Violations v = new Violations();
    v.name("name", spec.name());
    v.description("description", spec.description());
    v.labels("labels", spec.labels());
    checkProject(v, project);
    if (spec.version().length() > Limits.NAME_LENGTH || !spec.version().matches("\\d+\\.\\d+\\.\\d+")) {
      v.add("version", shown(spec.version()) + " is not a semantic version like 1.0.0");
    }
    if (!spec.cloudType().equals("all") && providers.find(spec.cloudType()).isEmpty()) {
      v.add("cloudType", unknownCloud(spec.cloudType()) + ", or 'all' for add-on profiles");
    }
    v.count("layers", spec.layers().size(), Limits.LIST_ENTRIES);
    for (int i = 0; i < spec.layers().size(); i++) {
      var layer = spec.layers().get(i);
      if (layer.name().isBlank()) {
        v.add("layers[" + i + "].name", "must not be empty");
      } else {
        v.line("layers[" + i + "].name", layer.name(), Limits.LINE_LENGTH);
      }
      if (layer.version().isBlank()) {
        v.add("layers[" + i + "].version", "must not be empty; an exact version or a train like 1.30.x");
      } else {
        v.line("layers[" + i + "].version", layer.version(), Limits.NAME_LENGTH);
      }
      if (layer.values().length() > Limits.LAYER_VALUES_LENGTH) {
        v.add("layers[" + i + "].values", "is " + layer.values().length() + " characters long; at most "
            + Limits.LAYER_VALUES_LENGTH + " are allowed");
      }
    }
    v.throwIfAny("ClusterProfile " + shown(spec.name()));
    ClusterProfile profile =
        ClusterProfile.builder()
            .metadata(newMetadata(ClusterProfile.KIND, project, profileKey(spec.name(), spec.version()),
                spec.labels(), caller))
            .spec(spec)
            .build();
    List<Dependents.Owner> owners = projectOwner(project);
    try {
      return creates.create(caller, Action.CLUSTER_PROFILE_CREATE, project, spec.name(),
          RecordKind.CLUSTER_PROFILE, profile, owners,
          "created cluster profile " + spec.name() + " version " + spec.version());
    } catch (ConflictException e) {
      if (records.getByName(RecordKind.CLUSTER_PROFILE, project, profile.name()).isEmpty()) {
        throw e;
      }
      throw new ConflictException("ClusterProfile " + address(project, spec.name()) + " version "
          + spec.version() + " already exists; publish a new version instead");
    }
  }

  void deleteClusterProfile(Principal caller, String project, String name, String version) {
    guard.check(caller, Action.CLUSTER_PROFILE_DELETE, project, name);
    guard.write(caller, Action.CLUSTER_PROFILE_DELETE, project, name, sequence ->
        dependents.delete(RecordKind.CLUSTER_PROFILE, project, profileKey(name, version),
            () -> clustersUsing(project, c -> c.spec().profiles().stream()
                    .anyMatch(r -> r.name().equals(name) && r.version().equals(version)),
                "ClusterProfile " + name + ":" + version)),
        r -> "deleted cluster profile " + name + " version " + version);
  }

  /** Profiles are stored under {@code name:version}, since a name has many versions. */
  static String profileKey(String name, String version) {
    return name + ":" + version;
  }

  // ---- host clusters ----

  Operation<HostCluster> createCluster(Principal caller, String project, HostClusterSpec spec) {
    guard.check(caller, Action.CLUSTER_CREATE, project, spec.name());
    Violations v = new Violations();
    checkProject(v, project);
    validateCluster(v, project, spec);
    v.throwIfAny("HostCluster " + shown(spec.name()));
    HostCluster cluster =
        HostCluster.builder()
            .metadata(newMetadata(HostCluster.KIND, project, spec.name(), spec.labels(), caller))
            .spec(spec)
            .status(HostClusterStatus.builder().phase(ClusterPhase.PENDING).message("waiting to provision").build())
            .build();
    List<Dependents.Owner> owners = new java.util.ArrayList<>(projectOwner(project));
    owners.addAll(referencedOwners(project, spec));
    // Written, then its owners checked again: a racing delete of the project or account is seen.
    HostCluster created = creates.create(caller, Action.CLUSTER_CREATE, project, spec.name(),
        RecordKind.HOST_CLUSTER, cluster, owners, "created host cluster " + spec.name() + " on "
            + spec.cloudType() + " with " + spec.nodeCount() + " nodes");
    return untilReady(created, "create");
  }

  Operation<HostCluster> updateCluster(
      Principal caller, String project, String name, Consumer<HostClusterSpec.Builder> changes) {
    guard.check(caller, Action.CLUSTER_UPDATE, project, name);
    return updateSpec(caller, project, name, current -> Specs.build("HostCluster " + shown(name),
        current.toBuilder(), changes, HostClusterSpec.Builder::build));
  }

  /** Sets one pool's size, computed from the spec read on each attempt so a racing change is kept. */
  Operation<HostCluster> scaleNodePool(Principal caller, String project, String name, String pool, int size) {
    guard.check(caller, Action.CLUSTER_UPDATE, project, name);
    return updateSpec(caller, project, name, current -> {
      if (current.nodePool(pool).isEmpty()) {
        throw new ValidationException("scale of HostCluster " + shown(name),
            List.of(new Violation("nodePools", "no pool named " + shown(pool) + "; pools: "
                + current.nodePools().stream().map(p -> p.name()).toList())));
      }
      return current.withNodePools(current.nodePools().stream()
          .map(p -> p.name().equals(pool) ? p.withSize(size) : p)
          .toList());
    });
  }

  // Read, change, validate and compare-and-set, again from a fresh read when another write won.
  private Operation<HostCluster> updateSpec(
      Principal caller, String project, String name, java.util.function.UnaryOperator<HostClusterSpec> change) {
    for (int attempt = 1; ; attempt++) {
      HostCluster current = require(RecordKind.HOST_CLUSTER, project, name);
      ClusterPhase phase = current.phase();
      if (current.metadata().deletionRequested()) {
        throw new ConflictException("HostCluster " + address(project, name) + " is being deleted; it cannot be updated");
      }
      if (phase == ClusterPhase.PENDING || phase == ClusterPhase.PROVISIONING) {
        throw new ConflictException("HostCluster " + address(project, name) + " is " + phase
            + ": it cannot be updated until it is RUNNING; await its create operation (or untilReady()) first");
      }
      HostClusterSpec spec = change.apply(current.spec());
      Violations v = new Violations();
      if (!spec.name().equals(name)) {
        v.add("name", "cannot change from '" + name + "'; create a new cluster instead");
      }
      validateCluster(v, project, spec);
      v.throwIfAny("HostCluster " + shown(name));
      if (spec.equals(current.spec())) {
        return untilReady(current, "update");
      }
      boolean newReferences = !spec.cloudAccount().equals(current.spec().cloudAccount())
          || !spec.profiles().equals(current.spec().profiles());
      List<Dependents.Owner> owners = newReferences ? referencedOwners(project, spec) : List.of();
      try {
        HostCluster written = guard.write(caller, Action.CLUSTER_UPDATE, project, name, sequence -> {
          HostCluster next = Records.stamped(RecordKind.HOST_CLUSTER, withSpec(current, spec), sequence);
          return newReferences
              ? dependents.update(RecordKind.HOST_CLUSTER, current, next, owners,
                  restored -> withSpec(restored, current.spec()))
              : records.update(RecordKind.HOST_CLUSTER, next);
        }, w -> "updated host cluster " + name + " to generation " + w.metadata().generation() + ": "
            + describeChange(current.spec(), spec));
        return untilReady(written, "update");
      } catch (ConflictException e) {
        // Another write won; the change is computed again from what it wrote.
        if (attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  // The account and profiles a cluster spec refers to, as resolved now.
  private List<Dependents.Owner> referencedOwners(String project, HostClusterSpec spec) {
    List<Dependents.Owner> owners = new java.util.ArrayList<>();
    owners.add(dependents.owner(RecordKind.CLOUD_ACCOUNT, findAccount(project, spec.cloudAccount()),
        "CloudAccount " + spec.cloudAccount()));
    spec.profiles().forEach(ref -> owners.add(dependents.owner(RecordKind.CLUSTER_PROFILE,
        records.getInProjectOrTenant(RecordKind.CLUSTER_PROFILE, project, profileKey(ref.name(), ref.version())),
        "ClusterProfile " + ref.name() + ":" + ref.version())));
    return owners;
  }

  Operation<Void> deleteCluster(Principal caller, String project, String name) {
    guard.check(caller, Action.CLUSTER_DELETE, project, name);
    for (int attempt = 1; ; attempt++) {
      HostCluster current = require(RecordKind.HOST_CLUSTER, project, name);
      HostCluster written = current;
      if (!current.metadata().deletionRequested()) {
        List<String> workspaces = records.list(RecordKind.WORKSPACE, project).stream()
            .filter(w -> w.spec().clusters().contains(name)).map(w -> w.name()).toList();
        if (!workspaces.isEmpty()) {
          throw new ConflictException("HostCluster " + address(project, name) + " is named by workspaces "
              + workspaces + "; delete them first");
        }
        try {
          written = guard.update(caller, Action.CLUSTER_DELETE, project, name, RecordKind.HOST_CLUSTER,
              current.withMetadata(current.metadata().withDeletionRequested(true).withUpdatedAt(clock.instant())),
              w -> "asked to delete host cluster " + name);
        } catch (ConflictException e) {
          if (attempt == UPDATE_ATTEMPTS) {
            throw e;
          }
          continue;
        }
      }
      String id = written.metadata().id();
      return RecordOperation.follow(
          "delete HostCluster " + address(project, name),
          events,
          id,
          records.codec().encode(written),
          () -> records.store().get(HostCluster.KIND, id),
          state -> {
            if (state.isEmpty()) {
              return new RecordOperation.Done<Void>(null, new Progress("DELETED", 100, "deleted"));
            }
            HostClusterStatus s = decode(RecordKind.HOST_CLUSTER, state.get()).status();
            return new RecordOperation.Working<Void>(
                s.phase() == ClusterPhase.DELETING
                    ? new Progress(ClusterPhase.DELETING.name(), s.progress(), s.message())
                    : new Progress(ClusterPhase.DELETING.name(), 0, "deletion requested"));
          });
    }
  }

  // The spec's labels are the one source of truth; the metadata's copy is what label queries see.
  private HostCluster withSpec(HostCluster cluster, HostClusterSpec spec) {
    Metadata m = cluster.metadata();
    return cluster.withSpec(spec).withMetadata(
        m.withGeneration(m.generation() + 1).withLabels(spec.labels()).withUpdatedAt(clock.instant()));
  }

  Operation<HostCluster> untilReady(Principal caller, String project, String name) {
    guard.check(caller, Action.CLUSTER_GET, project, name);
    return untilReady(require(RecordKind.HOST_CLUSTER, project, name), "reconcile");
  }

  Kubeconfig kubeconfig(Principal caller, String project, String name) {
    guard.check(caller, Action.CLUSTER_KUBECONFIG, project, name);
    HostCluster cluster = require(RecordKind.HOST_CLUSTER, project, name);
    if (cluster.phase() != ClusterPhase.RUNNING) {
      throw new ConflictException("HostCluster " + address(project, name) + " is " + cluster.phase()
          + "; a kubeconfig exists once it is RUNNING");
    }
    CloudProvider provider = providers.require(cluster.spec().cloudType());
    CloudAccount account = records
        .getInProjectOrTenantWithSecrets(RecordKind.CLOUD_ACCOUNT, project, cluster.spec().cloudAccount())
        .orElseThrow(() -> new NotFoundException("CloudAccount " + cluster.spec().cloudAccount() + " does not exist"));
    return provider.access(new ClusterContext(
        cluster.metadata().id(), project, cluster.spec(), account.spec(), cluster.status().observed()))
        .kubeconfig();
  }

  private Operation<HostCluster> untilReady(HostCluster cluster, String verb) {
    long generation = cluster.metadata().generation();
    String id = cluster.metadata().id();
    return RecordOperation.follow(
        verb + " HostCluster " + address(cluster.metadata().project(), cluster.name()),
        events,
        id,
        records.codec().encode(cluster),
        () -> records.store().get(HostCluster.KIND, id),
        state -> {
          if (state.isEmpty()) {
            return new RecordOperation.Failed<HostCluster>("the cluster was deleted",
                new Progress(ClusterPhase.DELETED.name(), 100, "deleted"));
          }
          HostCluster c = decode(RecordKind.HOST_CLUSTER, state.get());
          HostClusterStatus s = c.status();
          Progress p = new Progress(s.phase().name(), s.progress(), s.message());
          boolean observed = s.observedGeneration() >= generation;
          if (c.metadata().deletionRequested()) {
            return new RecordOperation.Failed<>("the cluster is being deleted", p);
          }
          if (s.phase() == ClusterPhase.RUNNING && observed) {
            return new RecordOperation.Done<>(c, p);
          }
          if (s.phase() == ClusterPhase.ERROR && observed) {
            return new RecordOperation.Failed<>(s.message(), p, ProviderConditions.failure(c).orElse(null));
          }
          return new RecordOperation.Working<>(p);
        });
  }

  private void validateCluster(Violations v, String project, HostClusterSpec spec) {
    v.name("name", spec.name());
    v.labels("labels", spec.labels());
    v.tags("tags", spec.tags());
    Optional<CloudProvider> provider = providers.find(spec.cloudType());
    if (provider.isEmpty()) {
      v.add("cloudType", unknownCloud(spec.cloudType()));
    }
    Optional<CloudAccount> account = Optional.empty();
    if (spec.cloudAccount().length() > Limits.NAME_LENGTH) {
      v.name("cloudAccount", spec.cloudAccount());
    } else if (spec.cloudAccount().isEmpty()) {
      v.add("cloudAccount", "must name a cloud account of cloud type '" + spec.cloudType() + "'");
    } else {
      account = findAccount(project, spec.cloudAccount());
      if (account.isEmpty()) {
        v.add("cloudAccount", "no cloud account " + shown(spec.cloudAccount()) + " in project " + project
            + " or the tenant");
      } else if (account.get().metadata().deletionRequested()) {
        v.add("cloudAccount", "cloud account " + spec.cloudAccount() + " is being deleted");
      } else if (provider.isPresent() && !account.get().spec().cloudType().equals(spec.cloudType())) {
        v.add("cloudAccount", "'" + spec.cloudAccount() + "' is for cloud type '"
            + account.get().spec().cloudType() + "', not '" + spec.cloudType() + "'");
      }
    }
    v.count("profiles", spec.profiles().size(), Limits.LIST_ENTRIES);
    for (int i = 0; i < spec.profiles().size() && i < Limits.LIST_ENTRIES; i++) {
      var ref = spec.profiles().get(i);
      if (ref.name().length() > Limits.NAME_LENGTH || ref.version().length() > Limits.NAME_LENGTH) {
        v.add("profiles[" + i + "]", "no cluster profile " + shown(ref.name()) + " version "
            + shown(ref.version()));
        continue;
      }
      String key = profileKey(ref.name(), ref.version());
      Optional<ClusterProfile> profile =
          records.getInProjectOrTenant(RecordKind.CLUSTER_PROFILE, project, key);
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
    if (spec.nodePools().isEmpty()) {
      v.add("nodePools", "must have at least one pool");
    }
    // The provider's own rules (a control plane, a region) still apply when the account is missing.
    CloudAccountSpec accountSpec = account.map(CloudAccount::spec).orElseGet(() ->
        CloudAccountSpec.builder().name(spec.cloudAccount()).cloudType(spec.cloudType()).build());
    List<String> known = provider.map(p -> p.instanceTypes(accountSpec, spec.region()).stream()
        .map(t -> t.name()).toList()).orElse(List.of());
    provider.ifPresent(p -> v.addAll(p.validateCluster(spec, accountSpec)));
    v.count("nodePools", spec.nodePools().size(), Limits.POOLS_PER_CLUSTER);
    java.util.Set<String> names = new java.util.HashSet<>();
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
      if (provider.isPresent() && !known.contains(pool.instanceType())) {
        v.add(at + ".instanceType", shown(pool.instanceType()) + " is not offered by " + spec.cloudType()
            + "; choose one of " + known);
      }
      if (pool.diskGiB() < 20 || pool.diskGiB() > Limits.DISK_GIB) {
        v.add(at + ".diskGiB", "is " + pool.diskGiB() + "; must be 20 to " + Limits.DISK_GIB);
      }
    }
    if (nodes > Limits.NODES_PER_CLUSTER) {
      v.add("nodePools", "hold " + nodes + " nodes; a cluster has at most " + Limits.NODES_PER_CLUSTER);
    }
  }

  // ---- reads and watches shared by every kind ----

  /** One record, if the caller may read it (for a project record: in that project). */
  <R extends Resource<?>> Optional<R> get(
      Principal caller, Action read, RecordKind<R> kind, String project, String name) {
    guard.check(caller, read, scopeOf(kind, project, name), name);
    return records.getByName(kind, project, name);
  }

  <R extends Resource<?>> R require(
      Principal caller, Action read, RecordKind<R> kind, String project, String name) {
    guard.check(caller, read, scopeOf(kind, project, name), name);
    return records.require(kind, project, name);
  }

  /**
   * The records of a kind in a scope ({@code null}: every scope) carrying every label of
   * {@code labels}, that the caller may list.
   */
  <R extends Resource<?>> List<R> list(
      Principal caller, Action read, RecordKind<R> kind, String project, Map<String, String> labels) {
    Predicate<String> visible = guard.visible(caller, read);
    return records.list(kind, project, labels).stream()
        .filter(r -> visible.test(scopeOf(kind, r.metadata().project(), r.metadata().name())))
        .toList();
  }

  /**
   * Events for records of a kind in a scope ({@code null}: every scope) carrying every label of
   * {@code labels}, optionally of one name.
   *
   * <p>Each event is authorized on its own, with the caller's grants as of the revision that
   * committed it: once a binding that let the caller read a project is revoked (or the caller
   * leaves the team that held it), no later event of that project reaches the listener; once a
   * grant is made, later events do. A watch is never refused: one without any grant hears nothing
   * until it gets one.
   */
  <R extends Resource<?>> Subscription watch(Principal caller, Action read, RecordKind<R> kind,
      String project, Map<String, String> labels, String name, Consumer<RecordEvent<R>> listener) {
    RecordQuery selected = new RecordQuery(kind.name(), project, labels);
    return events.subscribe(e -> {
      StoredRecord r = e.record();
      if (!selected.matches(r)
          || (name != null && !name.equals(r.name()))
          || !guard.allowedAt(caller, read, scopeOf(kind, r.project(), r.name()), r.revision())) {
        return;
      }
      RecordEvent.Type type = switch (e.type()) {
        case CREATED -> RecordEvent.Type.ADDED;
        case UPDATED -> RecordEvent.Type.MODIFIED;
        case DELETED -> RecordEvent.Type.DELETED;
      };
      listener.accept(new RecordEvent<>(type, decode(kind, r)));
    });
  }

  // A project is read within itself: a project role may see its own project.
  private static String scopeOf(RecordKind<?> kind, String project, String name) {
    return kind == RecordKind.PROJECT ? name : project;
  }

  /** For the facade's own lookups, which the caller's permission for the operation already covers. */
  private <R extends Resource<?>> R require(RecordKind<R> kind, String project, String name) {
    return records.require(kind, project, name);
  }

  private static String describeChange(HostClusterSpec before, HostClusterSpec after) {
    List<String> changes = new java.util.ArrayList<>();
    for (var pool : after.nodePools()) {
      int old = before.nodePool(pool.name()).map(p -> p.size()).orElse(0);
      if (old != pool.size()) {
        changes.add("pool " + pool.name() + " " + old + " -> " + pool.size());
      }
    }
    return changes.isEmpty() ? "spec changed" : String.join(", ", changes);
  }

  private <R extends Resource<?>> R decode(RecordKind<R> kind, StoredRecord stored) {
    return records.codec().decode(kind, stored);
  }

  private Optional<CloudAccount> findAccount(String project, String name) {
    return records.getInProjectOrTenant(RecordKind.CLOUD_ACCOUNT, project, name);
  }

  // A provider id is short; a long or multi-line one is not echoed in the registry's message.
  private String unknownCloud(String cloudType) {
    return cloudType.length() > Limits.NAME_LENGTH || Limits.hasControl(cloudType)
        ? shown(cloudType) + " is not a provider id; providers found: " + providers.ids()
        : providers.unknown(cloudType);
  }

  private void checkProject(Violations v, String project) {
    if (project.isEmpty()) {
      return;
    }
    Optional<Project> found = records.getByName(RecordKind.PROJECT, "", project);
    if (found.isEmpty()) {
      v.add("project", "no project " + shown(project) + "; create it first");
    } else if (found.get().metadata().deletionRequested()) {
      v.add("project", "project " + project + " is being deleted");
    }
  }

  /** The project a new record goes into, as an owner to check again after the write. */
  List<Dependents.Owner> projectOwner(String project) {
    return project.isEmpty() ? List.of()
        : List.of(dependents.owner(RecordKind.PROJECT, records.getByName(RecordKind.PROJECT, "", project),
            "Project " + project));
  }

  private Metadata newMetadata(
      String kind, String project, String name, Map<String, String> labels, Principal caller) {
    return Records.newMetadata(kind, project, name, labels, caller.name(), clock.instant());
  }

  static String address(String project, String name) {
    return project.isEmpty() ? name : project + "/" + name;
  }
}
