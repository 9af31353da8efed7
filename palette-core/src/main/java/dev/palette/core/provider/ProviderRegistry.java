package dev.palette.core.provider;

import dev.palette.error.NotFoundException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.ProviderContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers one engine uses: those registered explicitly, then those found with
 * {@link ServiceLoader}, the highest priority winning per id. Each discovered provider is created
 * with a {@link ProviderContext} holding the engine's clock, the registry's scheduler, its settings
 * from the builder and the HTTP transport; the registry closes the providers, then the scheduler.
 */
public final class ProviderRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
  private final Map<String, CloudProvider> providers = new TreeMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "palette-provider-timer");
    t.setDaemon(true);
    return t;
  });

  /**
   * The providers {@code config} names and, when it says so, those discovered.
   *
   * @throws ValidationException naming {@code providerSettings.<id>} when settings name a
   *     provider that is not discovered, or its factory refuses them
   */
  public ProviderRegistry(EngineConfig config) {
    try {
      register(config);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void register(EngineConfig config) {
    for (CloudProvider p : config.providers()) {
      providers.put(p.id(), p);
    }
    Map<String, CloudProviderFactory> chosen = new TreeMap<>();
    if (config.discoverProviders()) {
      for (CloudProviderFactory f : discovered()) {
        CloudProviderFactory other = chosen.get(f.id());
        if (other == null || f.priority() > other.priority()) {
          chosen.put(f.id(), f);
        } else if (f.priority() == other.priority()) {
          LOG.warn("providers {} and {} both serve id '{}' at priority {}; keeping the first",
              other.getClass().getName(), f.getClass().getName(), f.id(), f.priority());
        }
      }
    }
    for (String id : config.providerSettings().keySet()) {
      if (!chosen.containsKey(id) || providers.containsKey(id)) {
        // Settings reach a factory only; a provider built by the caller never sees them.
        throw refused(id, "no discovered provider of that id is created; providers discovered: "
            + chosen.keySet() + ", registered explicitly: " + providers.keySet());
      }
    }
    for (Map.Entry<String, CloudProviderFactory> e : chosen.entrySet()) {
      String id = e.getKey();
      if (providers.containsKey(id)) {
        continue;
      }
      ProviderContext context = new ProviderContext(config.clock(), scheduler,
          config.providerSettings().getOrDefault(id, Map.of()), config.httpTransport());
      try {
        providers.put(id, e.getValue().create(context));
      } catch (IllegalArgumentException refused) {
        throw refused(id, refused.getMessage());
      }
    }
  }

  private static ValidationException refused(String id, String why) {
    return new ValidationException("PaletteBuilder",
        List.of(new Violation("providerSettings." + id, why)));
  }

  // Both loaders: an application server's plugins sit in the context loader, while JShell puts
  // its class path in the loader that loaded Palette itself.
  private static List<CloudProviderFactory> discovered() {
    Map<String, CloudProviderFactory> byClass = new java.util.LinkedHashMap<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader loader : new ClassLoader[] {ProviderRegistry.class.getClassLoader(), context}) {
      if (loader != null) {
        ServiceLoader.load(CloudProviderFactory.class, loader)
            .forEach(f -> byClass.putIfAbsent(f.getClass().getName(), f));
      }
    }
    return List.copyOf(byClass.values());
  }

  public Optional<CloudProvider> find(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  /**
   * The provider with this id.
   *
   * @throws NotFoundException listing the ids found when there is none
   */
  public CloudProvider require(String id) {
    return find(id).orElseThrow(() -> new NotFoundException(unknown(id)));
  }

  /** The message for an id nobody serves. */
  public String unknown(String id) {
    return "unknown provider id '" + id + "'; providers found: " + ids()
        + " (add the provider's artifact, e.g. dev.palette:palette-provider-" + id
        + ", or register it with Palette.builder().provider(...))";
  }

  public Set<String> ids() {
    return providers.keySet();
  }

  public Collection<CloudProvider> all() {
    return providers.values();
  }

  @Override
  public void close() {
    List<RuntimeException> errors = new ArrayList<>();
    for (CloudProvider p : providers.values()) {
      try {
        p.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    errors.forEach(e -> LOG.warn("closing a provider failed: {}", e.toString()));
    scheduler.shutdownNow();
  }
}
