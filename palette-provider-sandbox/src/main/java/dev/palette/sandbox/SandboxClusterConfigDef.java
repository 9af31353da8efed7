package dev.palette.sandbox;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.palette.model.PaletteStyle;
import dev.palette.model.ProviderConfig;
import org.immutables.value.Value;

/**
 * What a sandbox cluster can have that other clouds' clusters do not, set with
 * {@code HostClusterSpec.builder().providerConfig(SandboxClusterConfig.builder().kubelet(false).build())}.
 * The pattern every provider module copies: an Immutables value implementing {@link ProviderConfig},
 * registered with a {@link dev.palette.model.ProviderConfigType} service, checked by the provider's
 * {@code validateCluster}.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = SandboxClusterConfig.class)
@JsonDeserialize(as = SandboxClusterConfig.class)
public interface SandboxClusterConfigDef extends ProviderConfig {
  /** Always {@code sandbox}. */
  @Override
  default String provider() {
    return SandboxProvider.ID;
  }

  /**
   * Whether the cluster's simulated kubelet marks workloads ready as they are applied; true by
   * default. False leaves them as applied, for a test of what waits on readiness.
   */
  @Value.Default
  default boolean kubelet() {
    return true;
  }
}
