package dev.palette.core.frontdoor;

import dev.palette.core.record.RecordCodec;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.QuotaExceededException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tenant's limits on object counts in the store, as one record changed by
 * compare-and-set; {@link KindQuota} holds each create within them.

 */
final class TenantLimitGuard {
  private static final Logger LOG = LoggerFactory.getLogger(TenantLimitGuard.class);
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

  /** The limits kept in {@code store}. */
  TenantLimitGuard(StateStore store, RecordCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  /** The tenant's limits as stored; the defaults when none were set. */
  TenantLimits limits() {
    return stored().map(r -> codec.fromJson(r.body(), TenantLimits.class))
        .orElseGet(() -> TenantLimits.builder().build());
  }

  /**
   * Replaces the tenant's limits.
   *
   * @throws ValidationException naming every negative limit; nothing is stored then
   * @throws ConflictException when another update came first
   */
  TenantLimits update(TenantLimits next) {
    List<Violation> violations = new ArrayList<>();
    LIMITS.values().forEach(l -> {
      if (l.value().applyAsInt(next) < 0) {
        violations.add(new Violation(l.field(), "is " + l.value().applyAsInt(next) + "; must be 0 or more"));
      }
    });
    if (!violations.isEmpty()) {
      throw new ValidationException("TenantLimits", violations);
    }
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
