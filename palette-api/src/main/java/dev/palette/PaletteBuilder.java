package dev.palette;

import dev.palette.error.PaletteException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.EngineFactory;
import dev.palette.spi.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Configures a {@link Palette}. Every setting has a default: a memory store, the providers found on
 * the class path, the system clock, one worker thread per core (at least 4), and the tenant admin
 * as the principal.
 */
public final class PaletteBuilder {
  private StateStore store;
  private Path storeDirectory;
  private final List<CloudProvider> providers = new ArrayList<>();
  private boolean discoverProviders = true;
  private Clock clock = Clock.systemUTC();
  private int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors());
  private Principal defaultPrincipal = Principal.TENANT_ADMIN;

  PaletteBuilder() {}

  /** Uses this store; the {@code Palette} closes it on close. */
  public PaletteBuilder store(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.storeDirectory = null;
    return this;
  }

  /**
   * Keeps state durably in a directory (a write-ahead log plus snapshots), created if absent. Only
   * one process may open a directory at a time.
   */
  public PaletteBuilder directoryStore(Path directory) {
    this.storeDirectory = Objects.requireNonNull(directory, "directory");
    this.store = null;
    return this;
  }

  /** Keeps state in memory only (the default). */
  public PaletteBuilder memoryStore() {
    this.store = null;
    this.storeDirectory = null;
    return this;
  }

  /** Registers a provider; it wins over a discovered provider with the same id. */
  public PaletteBuilder provider(CloudProvider provider) {
    providers.add(Objects.requireNonNull(provider, "provider"));
    return this;
  }

  /** Whether to load providers with {@link ServiceLoader} (default true). */
  public PaletteBuilder discoverProviders(boolean discover) {
    this.discoverProviders = discover;
    return this;
  }

  public PaletteBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How many records may be reconciled at once (default: cores, at least 4).
   *
   * @throws ValidationException when {@code threads} is less than 1
   */
  public PaletteBuilder workerThreads(int threads) {
    if (threads < 1) {
      throw new ValidationException("PaletteBuilder", List.of(
          new Violation("workerThreads", "is " + threads + "; must be at least 1")));
    }
    this.workerThreads = threads;
    return this;
  }

  /** Who calls run as (default: the tenant admin). */
  public PaletteBuilder defaultPrincipal(Principal principal) {
    this.defaultPrincipal = Objects.requireNonNull(principal, "principal");
    return this;
  }

  /**
   * Starts the engine: opens the store, starts the controllers and resumes any unfinished work.
   *
   * @throws PaletteException when no engine is on the class path
   */
  public Palette build() {
    EngineConfig config =
        new EngineConfig(
            store,
            storeDirectory,
            List.copyOf(providers),
            discoverProviders,
            clock,
            workerThreads,
            defaultPrincipal);
    Iterator<EngineFactory> engines =
        ServiceLoader.load(EngineFactory.class, PaletteBuilder.class.getClassLoader()).iterator();
    if (!engines.hasNext()) {
      throw new PaletteException(
          "No Palette engine on the class path: add the dependency dev.palette:palette-core");
    }
    return engines.next().create(config);
  }
}
