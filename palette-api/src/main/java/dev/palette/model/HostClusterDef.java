package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** A host cluster record: a Kubernetes cluster provisioned and managed by a provider. */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = HostCluster.class)
@JsonDeserialize(as = HostCluster.class)
public interface HostClusterDef extends Resource<HostClusterSpec> {
  String KIND = "HostCluster";

  // Declared again so that the generated from(Resource) copies it; the generic one it cannot.
  @Override
  HostClusterSpec spec();

  @Override
  default String summary() {
    return Summary.of(this, phase(), "gen " + metadata().generation());
  }

  @Value.Default
  default HostClusterStatus status() {
    return HostClusterStatus.builder().build();
  }

  /** Shorthand for {@code status().phase()}. */
  default ClusterPhase phase() {
    return status().phase();
  }

  /** True when running and the status describes the current spec. */
  default boolean isReady() {
    return status().phase() == ClusterPhase.RUNNING
        && status().observedGeneration() >= metadata().generation();
  }
}
