package dev.palette.model;

import org.immutables.value.Value;

/**
 * An admin kubeconfig for a host cluster. The YAML holds credentials: it is redacted from
 * {@code toString()}. For a Fabric8 client, {@code cluster.client()} builds one from it; other tools
 * read {@code yaml()}.
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
