package dev.palette.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.ConflictException;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.Metadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordsFinalizerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String CLEANUP = "test.palette.dev/cleanup";

  private final MemoryStateStore store = new MemoryStateStore();
  private final Records records = new Records(store, new RecordCodec());

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRecordWithoutFinalizersIsDeletedAtOnceWhenDeletionIsRequested() {
    CloudAccount account = records.create(RecordKind.CLOUD_ACCOUNT, account(List.of()));

    assertThat(records.requestDeletion(RecordKind.CLOUD_ACCOUNT, account)).isTrue();
    assertThat(records.get(RecordKind.CLOUD_ACCOUNT, account.metadata().id())).isEmpty();
  }

  @Test
  void aRecordWithAFinalizerIsOnlyMarkedAndGoesWhenTheLastFinalizerIsRemoved() {
    CloudAccount account = records.create(RecordKind.CLOUD_ACCOUNT, account(List.of(CLEANUP, "other")));
    String id = account.metadata().id();

    assertThat(records.requestDeletion(RecordKind.CLOUD_ACCOUNT, account)).isFalse();
    CloudAccount marked = records.get(RecordKind.CLOUD_ACCOUNT, id).orElseThrow();
    assertThat(marked.metadata().deletionRequested()).isTrue();

    assertThat(records.removeFinalizer(RecordKind.CLOUD_ACCOUNT, account, CLEANUP))
        .hasValueSatisfying(a -> assertThat(a.metadata().finalizers()).containsExactly("other"));
    assertThat(records.removeFinalizer(RecordKind.CLOUD_ACCOUNT, account, "other")).isEmpty();
    assertThat(records.get(RecordKind.CLOUD_ACCOUNT, id)).isEmpty();
  }

  @Test
  void finalizerEditsKeepTheSecretsAndEveryOtherWriteAndDoNotMoveTheGeneration() {
    CloudAccount account = records.create(RecordKind.CLOUD_ACCOUNT, account(List.of()));
    String id = account.metadata().id();
    // A write the controller's copy does not know of: the edit reads afresh instead of failing.
    records.update(RecordKind.CLOUD_ACCOUNT, withSecret(account, "rotated").withMetadata(
        account.metadata().withGeneration(2)));

    assertThat(records.addFinalizer(CloudAccount.KIND, id, CLEANUP)).isTrue();
    assertThat(records.addFinalizer(CloudAccount.KIND, id, CLEANUP)).isTrue();

    CloudAccount stored = records.codec().decodeWithSecrets(RecordKind.CLOUD_ACCOUNT, store.get(CloudAccount.KIND, id).orElseThrow());
    assertThat(stored.metadata().finalizers()).containsExactly(CLEANUP);
    assertThat(stored.metadata().generation()).isEqualTo(2);
    assertThat(stored.spec().credentials()).containsEntry("secretKey", "rotated");

    records.removeFinalizer(RecordKind.CLOUD_ACCOUNT, account, CLEANUP);
    stored = records.codec().decodeWithSecrets(RecordKind.CLOUD_ACCOUNT, store.get(CloudAccount.KIND, id).orElseThrow());
    assertThat(stored.metadata().finalizers()).isEmpty();
    assertThat(stored.spec().credentials()).containsEntry("secretKey", "rotated");
  }

  @Test
  void aRecordBeingDeletedTakesNoNewFinalizerAndARequestOnAStaleCopyIsRefused() {
    CloudAccount account = records.create(RecordKind.CLOUD_ACCOUNT, account(List.of(CLEANUP)));
    String id = account.metadata().id();
    records.requestDeletion(RecordKind.CLOUD_ACCOUNT, account);

    assertThat(records.addFinalizer(CloudAccount.KIND, id, "late")).isFalse();
    assertThatThrownBy(() -> records.requestDeletion(RecordKind.CLOUD_ACCOUNT, account))
        .isInstanceOf(ConflictException.class);
    assertThat(records.get(RecordKind.CLOUD_ACCOUNT, id).orElseThrow().metadata().finalizers())
        .containsExactly(CLEANUP);
  }

  @Test
  void finalizersAddedAtCreateAreKeptOnceEach() {
    Metadata m = account(List.of(CLEANUP)).metadata();
    assertThat(Records.withFinalizers(m, List.of(CLEANUP, "other")).finalizers()).containsExactly(CLEANUP, "other");
    assertThat(Records.withFinalizers(m, List.of(CLEANUP))).isSameAs(m);
  }

  private static CloudAccount account(List<String> finalizers) {
    Metadata m = Records.newMetadata(CloudAccount.KIND, "p", "prod", Map.of(), "test", T0);
    return CloudAccount.builder().metadata(Records.withFinalizers(m, finalizers))
        .spec(CloudAccountSpec.builder().name("prod").cloudType("sandbox").putCredential("secretKey", "s3cret").build())
        .build();
  }

  private static CloudAccount withSecret(CloudAccount account, String value) {
    return account.withSpec(account.spec().withCredentials(Map.of("secretKey", value)));
  }
}
