package dev.palette.core.facade;

import dev.palette.core.record.RecordCodec;
import dev.palette.error.ConflictException;
import dev.palette.error.QuotaExceededException;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Project;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.Team;
import dev.palette.model.TenantLimits;
import dev.palette.model.User;
import dev.palette.model.Workspace;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Keeps the tenant's limits on object counts in the store and refuses a create beyond them. */
final class TenantLimitGuard {
  private static final String KIND = "TenantLimits";
  private static final String ID = "tenant-limits";
  private static final Map<String, Limit> LIMITS = Map.of(
      Project.KIND, new Limit("projects", TenantLimits::projects),
      HostCluster.KIND, new Limit("clusters", TenantLimits::clusters),
      ClusterProfile.KIND, new Limit("clusterProfiles", TenantLimits::clusterProfiles),
      CloudAccount.KIND, new Limit("cloudAccounts", TenantLimits::cloudAccounts),
      User.KIND, new Limit("users", TenantLimits::users),
      Team.KIND, new Limit("teams", TenantLimits::teams),
      Role.KIND, new Limit("roles", TenantLimits::roles),
      RoleBinding.KIND, new Limit("roleBindings", TenantLimits::roleBindings),
      Workspace.KIND, new Limit("workspaces", TenantLimits::workspaces));

  private record Limit(String field, ToIntFunction<TenantLimits> value) {}

  private final StateStore store;
  private final RecordCodec codec;

  TenantLimitGuard(StateStore store, RecordCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  TenantLimits limits() {
    return stored().map(r -> codec.fromJson(r.body(), TenantLimits.class))
        .orElseGet(() -> TenantLimits.builder().build());
  }

  /**
   * Refuses a new record of this kind when the tenant already holds its limit.
   *
   * @throws QuotaExceededException naming the limit and how to raise it
   */
  void checkRoomFor(String kind) {
    Limit limit = LIMITS.get(kind);
    int max = limit.value().applyAsInt(limits());
    int count = store.list(RecordQuery.all(kind)).size();
    if (count >= max) {
      throw new QuotaExceededException("tenant limit reached: " + count + " of " + max + " " + limit.field()
          + "; delete some or raise the limit with tenant().updateLimits(l -> l." + limit.field() + "(...))");
    }
  }

  TenantLimits update(TenantLimits next) {
    Violations v = new Violations();
    LIMITS.values().forEach(l -> {
      if (l.value().applyAsInt(next) < 0) {
        v.add(l.field(), "is " + l.value().applyAsInt(next) + "; must be 0 or more");
      }
    });
    v.throwIfAny("TenantLimits");
    StoredRecord record = new StoredRecord(KIND, ID, "", "limits", Map.of(), 0, codec.toJson(next));
    Optional<StoredRecord> current = stored();
    try {
      if (current.isPresent()) {
        store.update(record, current.get().revision());
      } else {
        store.create(record);
      }
    } catch (ConflictException e) {
      throw new ConflictException("the tenant limits changed while being updated; read them and try again");
    }
    return next;
  }

  private Optional<StoredRecord> stored() {
    return store.get(KIND, ID);
  }
}
