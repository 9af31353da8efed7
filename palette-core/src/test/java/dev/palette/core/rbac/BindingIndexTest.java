package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.model.RoleScope;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import org.junit.jupiter.api.Test;

/** The index applies each change once, newest revision winning, and resolves grants from it alone. */
class BindingIndexTest {
  private final TenancyRecords t = new TenancyRecords();
  private final BindingIndex index = new BindingIndex(t.codec);

  private StoredRecord stored(String kind, String name) {
    return t.store.getByName(kind, "", name).orElseThrow();
  }

  @Test
  void anEventNoNewerThanWhatTheIndexHoldsChangesNothing() {
    t.user("alice");
    StoredRecord alice = stored("User", "alice");

    assertThat(index.apply(StoreEvent.Type.CREATED, alice)).isTrue();
    assertThat(index.apply(StoreEvent.Type.UPDATED, alice)).isFalse();
    assertThat(index.apply(StoreEvent.Type.DELETED, alice)).isFalse();
    assertThat(index.isUser("alice")).isTrue();
  }

  @Test
  void aDeletionOfARecordTheIndexNeverHeldChangesNothing() {
    t.user("bob");

    assertThat(index.apply(StoreEvent.Type.DELETED, stored("User", "bob").withRevision(99))).isFalse();
    assertThat(index.isUser("bob")).isFalse();
  }

  @Test
  void grantsComeFromTheUsersAndItsTeamsBindingsWithTheRoleScopeRespected() {
    t.user("carol");
    t.team("ml", "carol");
    t.role("Billing Reader", RoleScope.TENANT, "cost.get");
    t.bindTeam("ml", "Cluster Viewer", "ml-modeling");
    t.bindUser("carol", "Billing Reader", "");
    // A tenant role bound in a project grants nothing there.
    t.bindUser("carol", "Tenant Team Admin", "ml-modeling");
    for (String kind : BindingIndex.KINDS) {
      t.store.list(RecordQuery.all(kind)).records().forEach(r -> index.apply(StoreEvent.Type.CREATED, r));
    }

    Grants g = RoleResolver.grantsOf(index, TenancyRecords.ROLES, "carol");

    assertThat(g.tenant().raw).containsExactly("cost.get");
    assertThat(g.projects()).containsOnlyKeys("ml-modeling");
    assertThat(g.projects().get("ml-modeling").raw).containsExactlyInAnyOrder("cluster.get", "cluster.list");
    assertThat(RoleResolver.grantsOf(index, TenancyRecords.ROLES, "nobody")).isSameAs(Grants.NONE);
  }
}
