package dev.palette.spi;

import dev.palette.Principal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Everything {@code Palette.builder()} collected, handed to the engine.
 *
 * @param store a store instance, or {@code null} to use {@code storeDirectory} or memory
 * @param storeDirectory a directory for the durable store, or {@code null}
 * @param providers providers registered explicitly; they win over discovered ones with the same id
 * @param discoverProviders whether to load providers through {@link java.util.ServiceLoader}
 * @param clock the clock for timestamps and delays
 * @param workerThreads how many records may be reconciled at once
 * @param defaultPrincipal who calls run as unless said otherwise
 * @param secretKey the AES key the directory store seals secrets with, or {@code null}
 * @param resyncPeriod how often every controlled record is reconciled again, to notice drift
 * @param leadership when this engine runs the controllers
 * @param providerSettings each discovered provider's settings, by provider id
 * @param httpTransport the HTTP client discovered providers use
 */
public record EngineConfig(
    StateStore store,
    Path storeDirectory,
    List<CloudProvider> providers,
    boolean discoverProviders,
    Clock clock,
    int workerThreads,
    Principal defaultPrincipal,
    SecretKey secretKey,
    Duration resyncPeriod,
    Leadership leadership,
    Map<String, Map<String, String>> providerSettings,
    HttpTransport httpTransport) {

  @Override
  public String toString() {
    // The key never goes into a string.
    return "EngineConfig[store=" + store + ", storeDirectory=" + storeDirectory + ", providers="
        + providers + ", discoverProviders=" + discoverProviders + ", clock=" + clock
        + ", workerThreads=" + workerThreads + ", defaultPrincipal=" + defaultPrincipal
        + ", secretKey=" + (secretKey == null ? "none" : "set") + ", resyncPeriod=" + resyncPeriod
        + ", leadership=" + leadership
        + ", providerSettings=" + providerSettings.keySet() + ", httpTransport=" + httpTransport + "]";
  }
}
