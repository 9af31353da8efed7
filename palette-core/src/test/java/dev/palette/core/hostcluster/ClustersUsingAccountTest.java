package dev.palette.core.hostcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.spi.StoredRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClustersUsingAccountTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final MemoryStateStore store = new MemoryStateStore();
  private final Records records = new Records(store, new RecordCodec());
  private final ClustersUsingAccount mapper = new ClustersUsingAccount(records);

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aProjectAccountMapsToTheClustersOfItsProjectThatNameIt() {
    StoredRecord account = account("p", "aws");
    String inP = cluster("p", "a", "aws");
    cluster("p", "b", "other");
    cluster("q", "c", "aws");

    assertThat(mapper.primaryIds(account)).containsExactly(inP);
  }

  @Test
  void aTenantAccountMapsToTheClustersThatResolveToItNotToThoseWithAProjectAccountOfTheName() {
    StoredRecord shared = account("", "shared");
    account("q", "shared");
    String inP = cluster("p", "a", "shared");
    cluster("q", "b", "shared");

    assertThat(mapper.primaryIds(shared)).containsExactly(inP);
  }

  private StoredRecord account(String project, String name) {
    records.create(RecordKind.CLOUD_ACCOUNT, CloudAccount.builder()
        .metadata(Records.newMetadata(CloudAccount.KIND, project, name, Map.of(), "test", T0))
        .spec(CloudAccountSpec.builder().name(name).cloudType("sandbox").build()).build());
    return store.getByName(CloudAccount.KIND, project, name).orElseThrow();
  }

  private String cluster(String project, String name, String account) {
    return records.create(RecordKind.HOST_CLUSTER, HostCluster.builder()
        .metadata(Records.newMetadata(HostCluster.KIND, project, name, Map.of(), "test", T0))
        .spec(HostClusterSpec.builder().name(name).cloudType("sandbox").cloudAccount(account)
            .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
            .build())
        .build()).metadata().id();
  }
}
