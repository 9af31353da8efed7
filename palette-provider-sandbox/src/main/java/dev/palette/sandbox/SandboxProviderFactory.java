package dev.palette.sandbox;

import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import dev.palette.spi.ProviderContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@code sandbox} provider through {@link java.util.ServiceLoader}: each provider it
 * creates owns a fresh {@link SandboxCloud} (a simulation of infrastructure), closed with it.
 *
 * <p>Settings ({@code Palette.builder().providerSetting("sandbox", key, value)}), each optional:
 * {@code provisioningDelay}, {@code jitter} and {@code nodeDelay} as ISO-8601 durations
 * ({@code PT3S}) overriding {@link SandboxSettings#defaults()}, and {@code seed}, a long, for
 * reproducible jitter. The sandbox makes no outside call, so the HTTP transport does not matter.
 */
public final class SandboxProviderFactory implements CloudProviderFactory {
  private static final Set<String> KEYS =
      new TreeSet<>(Set.of("provisioningDelay", "jitter", "nodeDelay", "seed"));

  @Override
  public String id() {
    return SandboxProvider.ID;
  }

  /**
   * A provider on a cloud of its own with the context's settings.
   *
   * @throws IllegalArgumentException naming a setting the sandbox does not know or cannot read
   */
  @Override
  public CloudProvider create(ProviderContext context) {
    return new SandboxProvider(settings(context.settings()), context.clock());
  }

  static SandboxSettings settings(Map<String, String> settings) {
    SandboxSettings.Builder builder = SandboxSettings.builder();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      switch (key) {
        case "provisioningDelay" -> builder.provisioningDelay(duration(key, value));
        case "jitter" -> builder.jitter(duration(key, value));
        case "nodeDelay" -> builder.nodeDelay(duration(key, value));
        case "seed" -> builder.seed(seed(value));
        default -> throw new IllegalArgumentException("sandbox setting '" + Shown.of(key)
            + "' is unknown; the sandbox understands " + KEYS);
      }
    }
    return builder.build();
  }

  private static Duration duration(String key, String value) {
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative()) {
        throw new IllegalArgumentException("sandbox setting " + key + " must not be negative, got "
            + Shown.of(value));
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("sandbox setting " + key + " is an ISO-8601 duration such"
          + " as PT3S or PT0.5S, not '" + Shown.of(value) + "'", e);
    }
  }

  private static long seed(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sandbox setting seed is a long, not '" + Shown.of(value)
          + "'", e);
    }
  }
}
