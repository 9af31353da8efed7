package dev.palette.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the engine gives a provider it creates.
 *
 * @param clock the engine's clock: every time a provider reports (when to look again, when a
 *     credential expires) is read from it, so tests drive a provider with {@code ManualClock}
 * @param scheduler the engine's timer for a provider's own background work (renewing a token,
 *     polling a long-running cloud operation); shared, so tasks are short and never block. The
 *     engine shuts it down after closing the providers; a provider does not shut it down
 * @param settings the provider's settings from {@code Palette.builder().providerSetting(id, key,
 *     value)}, for example an endpoint override; never credentials, which belong to cloud accounts
 * @param httpTransport the HTTP client the provider's SDK should use
 */
public record ProviderContext(
    Clock clock,
    ScheduledExecutorService scheduler,
    Map<String, String> settings,
    HttpTransport httpTransport) {

  public ProviderContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(httpTransport, "httpTransport");
  }

  /** The setting {@code key}, or {@code fallback} when the builder did not set it. */
  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }
}
