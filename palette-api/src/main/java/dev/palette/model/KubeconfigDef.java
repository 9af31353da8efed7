package dev.palette.model;

import org.immutables.value.Value;

/**
 * An admin kubeconfig for a host cluster. The YAML holds credentials: it is redacted from
 * {@code toString()}; hand it to {@code io.fabric8.kubernetes.client.Config.fromKubeconfig(yaml())}.
 */
@Value.Immutable
@PaletteStyle
public interface KubeconfigDef {
  /** The cluster the kubeconfig is for, as {@code project/name}. */
  String cluster();

  /** The API server URL. */
  String server();

  @Value.Redacted
  String yaml();
}
