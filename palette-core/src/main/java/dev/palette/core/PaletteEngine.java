package dev.palette.core;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.Session;
import dev.palette.Subscription;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.cloudaccount.CatalogController;
import dev.palette.core.cloudaccount.CloudAccountController;
import dev.palette.core.cloudaccount.InstanceCatalog;
import dev.palette.core.controller.ControllerManager;
import dev.palette.core.controller.KindFinalizers;
import dev.palette.core.hostcluster.HostClusterController;
import dev.palette.core.controller.RetryPolicy;
import dev.palette.core.cost.CostService;
import dev.palette.core.frontdoor.Engine;
import dev.palette.core.hostcluster.ClusterAccess;
import dev.palette.core.hostcluster.HostClusterOperations;
import dev.palette.core.kind.KindRegistry;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.Json;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.Records;
import dev.palette.core.store.directory.DirectoryStateStore;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.PaletteClosedException;
import dev.palette.model.CloudAccount;
import dev.palette.model.HostCluster;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running engine: a store, the providers, the controllers and the facade that both modes share.
 *
 * <p>Two sets of controllers run: those that write shared state (host clusters, cloud account
 * checks) run only while this engine is the leader ({@link EngineConfig#leadership()}); those that
 * only fill this engine's own caches (the instance catalog) run from open to close. Each resumes
 * every record of its kinds when it starts.
 */
final class PaletteEngine implements Palette {
  // The catalog's refreshes are a provider call per account and region: a few at a time suffice.
  private static final int CACHE_THREADS = 2;

  private final StateStore store;
  private final ProviderRegistry providers;
  private final ControllerManager controllers;
  private final ControllerManager caches;
  private final InstanceCatalog catalog;
  private final ClusterAccess access;
  private final AuditTrail audit;
  private final Engine engine;
  private final HostClusterOperations clusters;
  private final Subscription accessWatch;
  private final Subscription leadership;
  private final EngineConfig config;
  private final RecordCodec codec = new RecordCodec();
  private final AtomicBoolean closed = new AtomicBoolean();

  PaletteEngine(EngineConfig config) {
    this(config, BuiltInKinds.registry());
  }

  /** An engine managing {@code kinds}: the built-in ones and, in tests, kinds of their own. */
  PaletteEngine(EngineConfig config, KindRegistry kinds) {
    Json.warmUp();
    this.config = config;
    this.store = openStore(config);
    try {
      this.providers = new ProviderRegistry(config);
      Records records = new Records(store, codec);
      this.catalog = new InstanceCatalog(this::refreshCatalog);
      CostService costs = new CostService(store, catalog, config.clock());
      this.controllers = new ControllerManager("controllers", records, List.of(
          new HostClusterController(records, providers, costs, config.clock()),
          new CloudAccountController(records, providers, catalog, config.clock())),
          new ControllerManager.Settings(
              config.workerThreads(), RetryPolicy.DEFAULT, config.resyncPeriod(), config.clock()));
      this.caches = new ControllerManager("caches", records,
          List.of(new CatalogController(records, providers, catalog)),
          new ControllerManager.Settings(CACHE_THREADS, RetryPolicy.DEFAULT, config.resyncPeriod(), config.clock()));
      this.access = new ClusterAccess(records, providers, config.clock());
      this.audit = new AuditTrail(store, config.clock());
      this.engine = Engine.start(records, kinds, Map.of(ProviderRegistry.class, providers,
              InstanceCatalog.class, catalog, ClusterAccess.class, access,
              KindFinalizers.class, controllers.finalizers()),
          audit, costs, config.defaultPrincipal(), config.clock());
      this.clusters = new HostClusterOperations(engine.door(), engine.awaiter(), access);
      this.accessWatch = store.watch(store.revision(), this::forgetDeletedClusters);
      this.leadership = startControllers();
    } catch (RuntimeException e) {
      if (config.store() == null) {
        store.close();
      }
      throw e;
    }
  }

  private Subscription startControllers() {
    try {
      caches.start();
      return config.leadership().join(controllers::start, controllers::stop);
    } catch (RuntimeException e) {
      controllers.close();
      caches.close();
      throw e;
    }
  }

  private void refreshCatalog(String accountId) {
    caches.enqueue(CloudAccount.KIND, accountId);
  }

  private void forgetDeletedClusters(StoreEvent event) {
    if (event.type() == StoreEvent.Type.DELETED && event.record().kind().equals(HostCluster.KIND)) {
      access.forget(event.record().id());
    }
  }

  private static StateStore openStore(EngineConfig config) {
    if (config.store() != null) {
      return config.store();
    }
    return config.storeDirectory() != null
        ? DirectoryStateStore.open(config.storeDirectory(),
            DirectoryStateStore.Options.defaults().withSecretKey(config.secretKey()))
        : new MemoryStateStore();
  }

  @Override
  public Principal principal() {
    requireOpen();
    return config.defaultPrincipal();
  }

  @Override
  public ClusterMode clusterMode() {
    return clusterMode(config.defaultPrincipal());
  }

  private ClusterMode clusterMode(Principal principal) {
    requireOpen();
    return OpenGuard.guard(ClusterMode.class, new ClusterModeView(engine, clusters, principal), closed::get);
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new PaletteClosedException();
    }
  }

  @Override
  public AppMode appMode() {
    return clusterMode().appMode();
  }

  @Override
  public Session as(Principal principal) {
    requireOpen();
    java.util.Objects.requireNonNull(principal, "principal");
    return new Session() {
      @Override
      public Principal principal() {
        requireOpen();
        return principal;
      }

      @Override
      public ClusterMode clusterMode() {
        return PaletteEngine.this.clusterMode(principal);
      }

      @Override
      public AppMode appMode() {
        return clusterMode().appMode();
      }

      @Override
      public String toString() {
        return "Session[" + principal + "]";
      }
    };
  }

  @Override
  public Set<String> providerIds() {
    requireOpen();
    return Set.copyOf(providers.ids());
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    leadership.close();
    controllers.close();
    caches.close();
    accessWatch.close();
    access.close();
    engine.close();
    // Its queued events are stored before the store can close.
    audit.close();
    providers.close();
    if (config.store() == null) {
      // Opened by this engine; a store the caller handed in is the caller's, maybe shared.
      store.close();
    }
  }

  @Override
  public String toString() {
    return "Palette[providers=" + providers.ids() + ", store=" + store.getClass().getSimpleName() + "]";
  }
}
