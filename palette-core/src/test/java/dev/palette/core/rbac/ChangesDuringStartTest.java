package dev.palette.core.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.model.RoleBinding;
import dev.palette.spi.Listing;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreListener;
import dev.palette.spi.StoredRecord;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changes committed while the authorizer lists the store are applied after the listing, in order. */
class ChangesDuringStartTest {
  private static final Principal ALICE = Principal.user("alice");

  private final TenancyRecords t = new TenancyRecords();

  @Test
  void aBindingDeletedWhileTheStoreIsListedStaysDeleted() {
    t.project("a");
    t.user("alice");
    RoleBinding binding = t.bindUser("alice", "Cluster Admin", "a");
    StateStore store = new ListThenWrite(t.store, "RoleBinding", () -> t.records.delete(binding));

    try (Authorizer authz = new Authorizer(store, t.codec, Principal.TENANT_ADMIN, TenancyRecords.ROLES)) {
      assertThat(authz.allowed(ALICE, "cluster.delete", "a")).isFalse();
    }
  }

  @Test
  void aUserCreatedWhileTheStoreIsListedIsKnown() {
    t.project("a");
    t.bindUser("bob", "Cluster Viewer", "a");
    StateStore store = new ListThenWrite(t.store, "User", () -> t.user("bob"));

    try (Authorizer authz = new Authorizer(store, t.codec, Principal.TENANT_ADMIN, TenancyRecords.ROLES)) {
      assertThat(authz.allowed(Principal.user("bob"), "cluster.get", "a")).isTrue();
    }
  }

  /** A store that commits one write right after answering the first listing of a kind. */
  private static final class ListThenWrite implements StateStore {
    private final StateStore delegate;
    private final String kind;
    private Runnable write;

    ListThenWrite(StateStore delegate, String kind, Runnable write) {
      this.delegate = delegate;
      this.kind = kind;
      this.write = write;
    }

    @Override
    public Listing list(RecordQuery query) {
      Listing result = delegate.list(query);
      if (write != null && query.kind().equals(kind)) {
        Runnable w = write;
        write = null;
        w.run();
      }
      return result;
    }

    @Override
    public Optional<StoredRecord> get(String kind, String id) {
      return delegate.get(kind, id);
    }

    @Override
    public Optional<StoredRecord> getByName(String kind, String project, String name) {
      return delegate.getByName(kind, project, name);
    }

    @Override
    public StoredRecord create(StoredRecord record) {
      return delegate.create(record);
    }

    @Override
    public StoredRecord update(StoredRecord record, long expectedRevision) {
      return delegate.update(record, expectedRevision);
    }

    @Override
    public StoredRecord updateStatus(StoredRecord record, long expectedRevision) {
      return delegate.updateStatus(record, expectedRevision);
    }

    @Override
    public void delete(String kind, String id, long expectedRevision) {
      delegate.delete(kind, id, expectedRevision);
    }

    @Override
    public Subscription watch(long fromRevision, StoreListener listener) {
      return delegate.watch(fromRevision, listener);
    }

    @Override
    public long revision() {
      return delegate.revision();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
