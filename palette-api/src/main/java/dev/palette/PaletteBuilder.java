package dev.palette;

import dev.palette.error.PaletteException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.EngineFactory;
import dev.palette.spi.Leadership;
import dev.palette.spi.HttpTransport;
import dev.palette.spi.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Configures a {@link Palette}. Every setting has a default: a memory store, the providers found on
 * the class path, the system clock, one worker thread per core (at least 4), a resync every 10
 * minutes, the tenant admin as the principal, and this engine always the leader.
 */
public final class PaletteBuilder {
  private StateStore store;
  private Path storeDirectory;
  private final List<CloudProvider> providers = new ArrayList<>();
  private boolean discoverProviders = true;
  private Clock clock = Clock.systemUTC();
  private Duration resyncPeriod = Duration.ofMinutes(10);
  private int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors());
  private Principal defaultPrincipal = Principal.TENANT_ADMIN;
  private SecretKey secretKey;
  private Leadership leadership = Leadership.always();
  private final Map<String, Map<String, String>> providerSettings = new TreeMap<>();
  private HttpTransport httpTransport = HttpTransport.JDK;

  PaletteBuilder() {}

  /**
   * Uses this store, which the caller keeps: the {@code Palette} leaves it open on close, so that
   * several engines can share one store (only the leader's controllers then reconcile, see
   * {@link #leadership}). A store the builder opens itself ({@link #storeDirectory}, or the memory
   * store by default) is closed with the {@code Palette}.
   */
  public PaletteBuilder store(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.storeDirectory = null;
    return this;
  }

  /**
   * Keeps state durably in a directory (a write-ahead log plus snapshots), created owner-only if
   * absent. Only one process may open a directory at a time. Secrets (cloud account credentials)
   * are sealed with the key given by {@link #secretKey(byte[])}, {@link #secretKeyFile(Path)} or
   * {@link #secretKeyFromEnv(String)}; without a key the store refuses to keep them.
   */
  public PaletteBuilder directoryStore(Path directory) {
    this.storeDirectory = Objects.requireNonNull(directory, "directory");
    this.store = null;
    return this;
  }

  /**
   * Seals secrets (cloud account credentials) in the directory store's files with this AES-GCM key:
   * 16, 24 or 32 bytes, 32 recommended. The bytes are copied. A directory store without a key refuses
   * to keep secrets; the memory store keeps them in memory and needs none. Open a store again with
   * the key it was written with.
   *
   * @throws ValidationException when the key is not 16, 24 or 32 bytes long
   */
  public PaletteBuilder secretKey(byte[] key) {
    Objects.requireNonNull(key, "key");
    this.secretKey = aesKey(key.clone(), "the secret key");
    return this;
  }

  /**
   * Reads the secret key (see {@link #secretKey(byte[])}) from a file that holds it in base64, for
   * example one made with {@code openssl rand -base64 32 > palette.key}; keep the file owner-only.
   *
   * @throws PaletteException when the file cannot be read or does not hold such a key
   */
  public PaletteBuilder secretKeyFile(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] text;
    try {
      text = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PaletteException("cannot read the secret key file " + file + ": "
          + e.getClass().getSimpleName() + "; give a readable file that holds the key in base64");
    }
    try {
      this.secretKey = fromBase64(new String(text, StandardCharsets.US_ASCII), "the secret key file " + file);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
    return this;
  }

  /**
   * Reads the secret key (see {@link #secretKey(byte[])}) from an environment variable that holds it
   * in base64, for example {@code PALETTE_SECRET_KEY}.
   *
   * @throws PaletteException when the variable is unset or does not hold such a key
   */
  public PaletteBuilder secretKeyFromEnv(String variable) {
    return secretKeyFromEnv(variable, System::getenv);
  }

  // The environment is a parameter so that tests can give one.
  PaletteBuilder secretKeyFromEnv(String variable, UnaryOperator<String> environment) {
    Objects.requireNonNull(variable, "variable");
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw new PaletteException("the environment variable " + variable + " that should hold the"
          + " secret key is not set; set it to a base64 AES key, for example the output of"
          + " `openssl rand -base64 32`");
    }
    this.secretKey = fromBase64(value, "the environment variable " + variable);
    return this;
  }

  private static SecretKey fromBase64(String text, String source) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      // The decoder's message would quote part of the key.
      throw new PaletteException(source + " does not hold a base64 key; put the key there in base64,"
          + " for example the output of `openssl rand -base64 32`");
    }
    return aesKey(raw, source);
  }

  private static SecretKey aesKey(byte[] raw, String source) {
    try {
      if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
        throw new ValidationException(source, List.of(new Violation("secretKey", "has " + raw.length
            + " bytes; an AES key has 16, 24 or 32 bytes (32 recommended)")));
      }
      return new SecretKeySpec(raw, "AES");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
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

  /**
   * A setting of a discovered provider, handed to its factory in
   * {@link dev.palette.spi.ProviderContext#settings()}, for example
   * {@code providerSetting("sandbox", "provisioningDelay", "PT0S")}. Each provider documents its
   * keys and fails the build on one it does not know. Credentials belong to cloud accounts, not here.
   */
  public PaletteBuilder providerSetting(String providerId, String key, String value) {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    providerSettings.computeIfAbsent(providerId, id -> new TreeMap<>()).put(key, value);
    return this;
  }

  /** The HTTP client discovered providers use for their cloud calls (default {@code JDK}). */
  public PaletteBuilder httpTransport(HttpTransport transport) {
    this.httpTransport = Objects.requireNonNull(transport, "transport");
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

  /**
   * How often every record a controller owns is reconciled again even when nothing changed, so
   * that drift outside (a node gone, a cloud restarted) is noticed and repaired (default: 10
   * minutes). Measured on the builder's {@link #clock(Clock) clock}, so a {@link ManualClock}
   * advanced past it triggers a resync.
   *
   * @throws ValidationException when the period is zero or negative
   */
  public PaletteBuilder resyncPeriod(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new ValidationException("resyncPeriod",
          List.of(new Violation("resyncPeriod", "must be positive, was " + period)));
    }
    this.resyncPeriod = period;
    return this;
  }

  /**
   * When this engine runs the controllers (default: {@link Leadership#always()}). Give an election
   * when several engines share one store, so that one reconciles at a time; the others' front doors
   * keep serving reads and writes, and their records are reconciled by the leader.
   */
  public PaletteBuilder leadership(Leadership leadership) {
    this.leadership = Objects.requireNonNull(leadership, "leadership");
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
            defaultPrincipal,
            secretKey,
            resyncPeriod,
            leadership,
            copy(providerSettings),
            httpTransport);
    Iterator<EngineFactory> engines =
        ServiceLoader.load(EngineFactory.class, PaletteBuilder.class.getClassLoader()).iterator();
    if (!engines.hasNext()) {
      throw new PaletteException(
          "No Palette engine on the class path: add the dependency dev.palette:palette-core");
    }
    return engines.next().create(config);
  }

  private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> settings) {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    settings.forEach((id, values) -> copy.put(id, Map.copyOf(values)));
    return Map.copyOf(copy);
  }
}
