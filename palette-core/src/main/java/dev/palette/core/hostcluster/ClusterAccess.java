package dev.palette.core.hostcluster;

import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.Kubeconfig;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.ClusterCredentials;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access to running host clusters: a kubeconfig and a Fabric8 client per cluster, obtained from the
 * cluster's provider once and kept, and obtained again shortly before a credential that expires
 * (an EKS token lasts 15 minutes) does. The front door reaches clusters only through this part.
 * Thread-safe.
 */
public final class ClusterAccess implements AutoCloseable {
  /** How long before its expiry a credential is obtained again. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

  /** A credential for a cluster, and when it stops working (empty: it does not expire). */
  record Credential(Kubeconfig kubeconfig, Optional<Instant> expiresAt) {
    Credential {
      Objects.requireNonNull(kubeconfig, "kubeconfig");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** Where credentials come from: the cluster's provider. */
  @FunctionalInterface
  interface CredentialSource {
    Credential obtain(HostCluster cluster);
  }

  // One per cluster id; the generation says which spec the credential was obtained for.
  private static final class Entry {
    final long generation;
    final Credential credential;
    KubernetesClient client;

    Entry(long generation, Credential credential) {
      this.generation = generation;
      this.credential = credential;
    }
  }

  private final CredentialSource source;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Access obtained through each cluster's provider, with its cloud account's credentials. */
  public ClusterAccess(Records records, ProviderRegistry providers, Clock clock) {
    this(cluster -> fromProvider(records, providers, cluster), clock);
  }

  ClusterAccess(CredentialSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /**
   * An admin kubeconfig for a running cluster, from the cache unless it is missing, was obtained
   * for another generation of the cluster, or expires within {@link #RENEW_BEFORE}.
   *
   * @throws ConflictException when the cluster is not RUNNING
   * @throws NotFoundException when the cluster's cloud account is gone
   */
  public Kubeconfig kubeconfig(HostCluster cluster) {
    return current(cluster).credential.kubeconfig();
  }

  /**
   * A Fabric8 client for a running cluster, shared by every caller and built again when its
   * credential is renewed (the one it replaces is closed then, its credential expiring anyway).
   * Callers must not close it; the engine does when it closes.
   *
   * @throws ConflictException when the cluster is not RUNNING
   * @throws NotFoundException when the cluster's cloud account is gone
   */
  public KubernetesClient client(HostCluster cluster) {
    Entry entry = current(cluster);
    synchronized (entry) {
      if (entry.client == null) {
        entry.client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(entry.credential.kubeconfig().yaml())).build();
      }
      return entry.client;
    }
  }

  /** Drops what is kept for a cluster that is gone. */
  public void forget(String clusterId) {
    Entry gone = entries.remove(clusterId);
    if (gone != null) {
      closeClient(gone);
    }
  }

  private Entry current(HostCluster cluster) {
    if (cluster.phase() != ClusterPhase.RUNNING) {
      String m = cluster.metadata().project() + "/" + cluster.metadata().name();
      throw new ConflictException("HostCluster " + m + " is " + cluster.phase()
          + "; a kubeconfig exists once it is RUNNING");
    }
    long generation = cluster.metadata().generation();
    Entry[] replaced = new Entry[1];
    Entry entry = entries.compute(cluster.metadata().id(), (id, old) -> {
      if (old != null && old.generation == generation && fresh(old.credential)) {
        return old;
      }
      replaced[0] = old;
      return new Entry(generation, source.obtain(cluster));
    });
    if (replaced[0] != null) {
      closeClient(replaced[0]);
    }
    return entry;
  }

  private boolean fresh(Credential credential) {
    return credential.expiresAt().map(at -> clock.instant().plus(RENEW_BEFORE).isBefore(at)).orElse(true);
  }

  private static void closeClient(Entry entry) {
    synchronized (entry) {
      if (entry.client != null) {
        entry.client.close();
        entry.client = null;
      }
    }
  }

  private static Credential fromProvider(Records records, ProviderRegistry providers, HostCluster cluster) {
    String project = cluster.metadata().project();
    CloudAccount account = records
        .getInProjectOrTenantWithSecrets(RecordKind.CLOUD_ACCOUNT, project, cluster.spec().cloudAccount())
        .orElseThrow(() -> new NotFoundException("CloudAccount " + cluster.spec().cloudAccount()
            + " does not exist in project " + project + " or the tenant"));
    ClusterContext context = new ClusterContext(
        cluster.metadata().id(), project, cluster.spec(), account.spec(), cluster.status().observed());
    ClusterCredentials credentials = providers.require(cluster.spec().cloudType()).access(context);
    return new Credential(credentials.kubeconfig(), credentials.expiresAt());
  }

  /** Closes every client kept. */
  @Override
  public void close() {
    entries.keySet().forEach(this::forget);
  }
}
