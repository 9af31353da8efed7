package dev.palette.sandbox;

import dev.palette.model.ProviderConfig;
import dev.palette.model.ProviderConfigType;

/** Registers {@link SandboxClusterConfig}, so records holding one read back as one. */
public final class SandboxClusterConfigType implements ProviderConfigType {
  @Override
  public String provider() {
    return SandboxProvider.ID;
  }

  @Override
  public Class<? extends ProviderConfig> type() {
    return SandboxClusterConfig.class;
  }
}
