package dev.palette.core.cloudaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.ManualClock;
import dev.palette.core.controller.ControllerManager;
import dev.palette.core.controller.RetryPolicy;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.InstanceType;
import dev.palette.model.HostClusterSpec;
import dev.palette.Principal;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.HttpTransport;
import dev.palette.spi.Leadership;
import java.time.Duration;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.StepOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceCatalogTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final InstanceType SMALL = type("small", "0.10");
  private static final InstanceType LARGE = type("large", "0.40");

  private final ManualClock clock = new ManualClock(T0);
  private final MemoryStateStore store = new MemoryStateStore();
  private final Records records = new Records(store, new RecordCodec());
  private final PriceList cloud = new PriceList(new AtomicReference<>(List.of(SMALL)));
  private final ProviderRegistry providers = new ProviderRegistry(new EngineConfig(null, null, List.of(cloud), false, clock, 1,
      Principal.TENANT_ADMIN, null, Duration.ofMinutes(10), Leadership.always(), Map.of(), HttpTransport.JDK));
  private final Set<String> misses = ConcurrentHashMap.newKeySet();
  private ControllerManager manager;

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
    store.close();
  }

  @Test
  void theCatalogIsFilledForEveryStoredAccountWhenItsControllerStarts() {
    String id = account("prod", Map.of("region", "eu-west")).metadata().id();
    // Misses only noted, so what fills the catalog is the start.
    InstanceCatalog catalog = new InstanceCatalog(misses::add);
    start(catalog);

    await().atMost(WAIT).until(() -> catalog.instanceTypes("test", id, "eu-west").isPresent());
    assertThat(catalog.instanceTypes("test", id, "eu-west")).contains(List.of(SMALL));
  }

  @Test
  void aRegionLookedUpIsFetchedAndThenServedFromTheCatalog() {
    String id = account("prod", Map.of()).metadata().id();
    AtomicReference<ControllerManager> refresher = new AtomicReference<>();
    InstanceCatalog catalog = new InstanceCatalog(account -> refresher.get().enqueue(CloudAccount.KIND, account));
    refresher.set(start(catalog));

    assertThat(catalog.instanceTypes("test", id, "us-east")).isEmpty();
    await().atMost(WAIT).until(() -> catalog.instanceTypes("test", id, "us-east").isPresent());
    assertThat(catalog.instanceTypes("test", id, "")).contains(List.of(SMALL));
  }

  @Test
  void theCatalogIsRefreshedAtResyncAndForgetsAnAccountThatIsGone() {
    CloudAccount account = account("prod", Map.of());
    String id = account.metadata().id();
    InstanceCatalog catalog = new InstanceCatalog(misses::add);
    start(catalog);
    await().atMost(WAIT).until(() -> catalog.instanceTypes("test", id, "").isPresent());

    cloud.types().set(List.of(SMALL, LARGE));
    clock.advance(Duration.ofMinutes(11));
    await().atMost(WAIT).until(() -> catalog.instanceTypes("test", id, "").orElseThrow().size() == 2);

    records.delete(records.get(RecordKind.CLOUD_ACCOUNT, id).orElseThrow());
    await().atMost(WAIT).until(() -> catalog.instanceTypes("test", id, "").isEmpty());
  }

  private ControllerManager start(InstanceCatalog catalog) {
    manager = new ControllerManager("caches", records, List.of(new CatalogController(records, providers, catalog)),
        new ControllerManager.Settings(1, RetryPolicy.DEFAULT, Duration.ofMinutes(10), clock));
    manager.start();
    return manager;
  }

  private CloudAccount account(String name, Map<String, String> settings) {
    return records.create(RecordKind.CLOUD_ACCOUNT, CloudAccount.builder()
        .metadata(Records.newMetadata(CloudAccount.KIND, "", name, Map.of(), "test", T0))
        .spec(CloudAccountSpec.builder().name(name).cloudType("test").settings(settings).build())
        .build());
  }

  private static InstanceType type(String name, String price) {
    return InstanceType.builder().name(name).cpu(2).memoryMiB(4096).hourlyPrice(new BigDecimal(price)).build();
  }

  /** A cloud that only has a price list, which the test changes. */
  private record PriceList(AtomicReference<List<InstanceType>> types) implements CloudProvider {
    @Override
    public String id() {
      return "test";
    }

    @Override
    public ProviderCapabilities capabilities() {
      return new ProviderCapabilities(ProviderCapabilities.ControlPlane.MANAGED, false, false,
          ProviderCapabilities.Pricing.PER_INSTANCE_TYPE);
    }

    @Override
    public List<Violation> validateAccount(CloudAccountSpec account) {
      return List.of();
    }

    @Override
    public AccountCheck verifyAccount(CloudAccountSpec account) {
      return AccountCheck.valid();
    }

    @Override
    public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
      return List.of();
    }

    @Override
    public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
      return types.get();
    }

    @Override
    public StepOutcome reconcile(ClusterContext cluster) {
      throw new AssertionError("the catalog provisions nothing");
    }

    @Override
    public StepOutcome delete(ClusterContext cluster) {
      throw new AssertionError("the catalog deletes nothing");
    }

    @Override
    public ClusterCredentials access(ClusterContext cluster) {
      throw new AssertionError("the catalog reaches no cluster");
    }
  }
}
