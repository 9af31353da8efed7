package dev.palette.core;

import dev.palette.AppMode;
import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.Session;
import dev.palette.Subscription;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.hostcluster.HostClusterController;
import dev.palette.core.controller.ControllerRuntime;
import dev.palette.core.controller.RetryPolicy;
import dev.palette.core.cost.CostService;
import dev.palette.core.facade.Engine;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.Json;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.Records;
import dev.palette.core.store.DirectoryStateStore;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.PaletteClosedException;
import dev.palette.model.Metadata;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine: a store, the providers, the controllers and the facade that both modes share.
 */
final class PaletteEngine implements Palette {
  private static final Logger LOG = LoggerFactory.getLogger(PaletteEngine.class);

  private final StateStore store;
  private final ProviderRegistry providers;
  private final ControllerRuntime runtime;
  private final Engine engine;
  private final Subscription trigger;
  private final EngineConfig config;
  private final RecordCodec codec = new RecordCodec();
  // What each reconciled record last looked like to the trigger: generation and deletion flag.
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  PaletteEngine(EngineConfig config) {
    Json.warmUp();
    this.config = config;
    this.store = openStore(config);
    try {
      this.providers = new ProviderRegistry(config);
      Records records = new Records(store, codec);
      CostService costs = new CostService(store, providers::all, config.clock());
      this.runtime = new ControllerRuntime(config.workerThreads(), RetryPolicy.DEFAULT);
      runtime.register(new HostClusterController(records, providers, costs, config.clock()));
      this.engine = Engine.start(records, providers, new AuditTrail(store, config.clock()), costs,
          config.defaultPrincipal(), config.clock());
      this.trigger = store.watch(this::trigger);
      resume();
      runtime.resyncEvery(config.resyncPeriod(), config.clock(),
          kind -> store.list(RecordQuery.all(kind)).stream().map(StoredRecord::id).toList());
    } catch (RuntimeException e) {
      store.close();
      throw e;
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

  /**
   * Level-triggered start: every record a controller owns is looked at once, RUNNING ones included,
   * so what the outside lost while the process was away is noticed and repaired.
   */
  private void resume() {
    int queued = 0;
    for (String kind : Set.of(dev.palette.model.HostCluster.KIND)) {
      for (StoredRecord r : store.list(RecordQuery.all(kind))) {
        runtime.enqueue(kind, r.id());
        queued++;
      }
    }
    if (queued > 0) {
      LOG.info("resuming: {} record(s) queued for reconciliation", queued);
    }
  }

  // Status writes do not wake the controller; a new generation or a deletion request does.
  private void trigger(StoreEvent event) {
    StoredRecord r = event.record();
    if (!runtime.handles(r.kind())) {
      return;
    }
    if (event.type() == StoreEvent.Type.DELETED) {
      seen.remove(r.id());
      return;
    }
    Metadata m = codec.metadata(r);
    String signature = m.generation() + (m.deletionRequested() ? "-deleting" : "");
    if (!signature.equals(seen.put(r.id(), signature))) {
      runtime.enqueue(r.kind(), r.id());
    }
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
    return OpenGuard.guard(ClusterMode.class, engine.clusterMode(principal), closed::get);
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
    trigger.close();
    runtime.close();
    engine.close();
    providers.close();
    store.close();
  }

  @Override
  public String toString() {
    return "Palette[providers=" + providers.ids() + ", store=" + store.getClass().getSimpleName() + "]";
  }
}
