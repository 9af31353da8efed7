package dev.palette.core.provider;

import dev.palette.error.NotFoundException;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers one engine uses: those registered explicitly, then those found with
 * {@link ServiceLoader}, the highest priority winning per id.
 */
public final class ProviderRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
  private final Map<String, CloudProvider> providers = new TreeMap<>();

  public ProviderRegistry(List<CloudProvider> explicit, boolean discover, Clock clock) {
    for (CloudProvider p : explicit) {
      providers.put(p.id(), p);
    }
    if (discover) {
      Map<String, CloudProviderFactory> chosen = new TreeMap<>();
      for (CloudProviderFactory f : discovered()) {
        CloudProviderFactory other = chosen.get(f.id());
        if (other == null || f.priority() > other.priority()) {
          chosen.put(f.id(), f);
        } else if (f.priority() == other.priority()) {
          LOG.warn("providers {} and {} both serve id '{}' at priority {}; keeping the first",
              other.getClass().getName(), f.getClass().getName(), f.id(), f.priority());
        }
      }
      chosen.forEach((id, f) -> providers.computeIfAbsent(id, k -> f.create(clock)));
    }
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
  }
}
