package dev.palette.spi;

import dev.palette.model.Kubeconfig;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Admin access to a running cluster ({@link CloudProvider#access}). The kubeconfig holds a
 * credential: {@code toString()} shows neither it nor the YAML.
 *
 * @param kubeconfig the kubeconfig
 * @param expiresAt when its credential stops working (an EKS token lasts 15 minutes), by the
 *     provider's clock; empty when it does not expire. The engine asks again before then
 */
public record ClusterCredentials(Kubeconfig kubeconfig, Optional<Instant> expiresAt) {
  public ClusterCredentials {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Credentials that do not expire. */
  public static ClusterCredentials lasting(Kubeconfig kubeconfig) {
    return new ClusterCredentials(kubeconfig, Optional.empty());
  }

  /** Credentials that stop working at {@code expiresAt}. */
  public static ClusterCredentials until(Kubeconfig kubeconfig, Instant expiresAt) {
    return new ClusterCredentials(kubeconfig, Optional.of(expiresAt));
  }

  @Override
  public String toString() {
    return "ClusterCredentials[" + kubeconfig.cluster() + ", expires "
        + expiresAt.map(Instant::toString).orElse("never") + "]";
  }
}
