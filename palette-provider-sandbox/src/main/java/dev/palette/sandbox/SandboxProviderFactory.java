package dev.palette.sandbox;

import dev.palette.spi.CloudProvider;
import dev.palette.spi.CloudProviderFactory;
import java.time.Clock;

/**
 * Finds the {@code sandbox} provider through {@link java.util.ServiceLoader}: each provider it
 * creates owns a fresh {@link SandboxCloud} (a simulation of infrastructure) with default settings.
 */
public final class SandboxProviderFactory implements CloudProviderFactory {
  @Override
  public String id() {
    return SandboxProvider.ID;
  }

  @Override
  public CloudProvider create(Clock clock) {
    return new SandboxProvider(SandboxSettings.defaults(), clock);
  }
}
