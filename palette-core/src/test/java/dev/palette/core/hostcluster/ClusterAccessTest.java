package dev.palette.core.hostcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ManualClock;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.model.ClusterPhase;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.HostClusterStatus;
import dev.palette.model.Kubeconfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterAccessTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  private final ManualClock clock = new ManualClock(T0);
  private final AtomicInteger obtained = new AtomicInteger();

  @Test
  void anExpiringCredentialIsObtainedAgainShortlyBeforeItExpires() {
    ClusterAccess access = new ClusterAccess(cluster -> credential(Optional.of(clock.instant().plus(TOKEN_LIFETIME))), clock);
    HostCluster cluster = running(1);

    Kubeconfig first = access.kubeconfig(cluster);
    clock.advance(Duration.ofMinutes(12));
    assertThat(access.kubeconfig(cluster)).isSameAs(first);
    assertThat(obtained).hasValue(1);

    clock.advance(Duration.ofMinutes(2));
    assertThat(access.kubeconfig(cluster)).isNotSameAs(first);
    assertThat(obtained).hasValue(2);
  }

  @Test
  void aCredentialThatDoesNotExpireIsObtainedOnce() {
    ClusterAccess access = new ClusterAccess(cluster -> credential(Optional.empty()), clock);
    HostCluster cluster = running(1);

    Kubeconfig first = access.kubeconfig(cluster);
    clock.advance(Duration.ofDays(30));

    assertThat(access.kubeconfig(cluster)).isSameAs(first);
    assertThat(obtained).hasValue(1);
  }

  @Test
  void theClientIsSharedUntilItsCredentialIsRenewed() {
    try (ClusterAccess access =
        new ClusterAccess(cluster -> credential(Optional.of(clock.instant().plus(TOKEN_LIFETIME))), clock)) {
      HostCluster cluster = running(1);

      KubernetesClient client = access.client(cluster);
      assertThat(access.client(cluster)).isSameAs(client);
      clock.advance(Duration.ofMinutes(14));

      assertThat(access.client(cluster)).isNotSameAs(client);
      assertThat(obtained).hasValue(2);
    }
  }

  @Test
  void aNewGenerationOrAForgottenClusterIsObtainedAgainAndAClusterNotRunningHasNoAccess() {
    ClusterAccess access = new ClusterAccess(cluster -> credential(Optional.empty()), clock);
    access.kubeconfig(running(1));
    access.kubeconfig(running(2));
    assertThat(obtained).hasValue(2);
    access.forget(running(2).metadata().id());
    access.kubeconfig(running(2));
    assertThat(obtained).hasValue(3);

    HostCluster provisioning = running(2).withStatus(HostClusterStatus.builder().phase(ClusterPhase.PROVISIONING).build());
    assertThatThrownBy(() -> access.kubeconfig(provisioning))
        .isInstanceOf(ConflictException.class).hasMessageContaining("is PROVISIONING");
    assertThat(obtained).hasValue(3);
  }

  private ClusterAccess.Credential credential(Optional<Instant> expiresAt) {
    int n = obtained.incrementAndGet();
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gpu-1
          cluster:
            server: https://127.0.0.1:6443
        users:
        - name: admin
          user:
            token: token-%d
        contexts:
        - name: gpu-1
          context:
            cluster: gpu-1
            user: admin
        current-context: gpu-1
        """.formatted(n);
    return new ClusterAccess.Credential(
        Kubeconfig.builder().cluster("p/gpu-1").server("https://127.0.0.1:6443").yaml(yaml).build(), expiresAt);
  }

  private static HostCluster running(long generation) {
    return HostCluster.builder()
        .metadata(Records.newMetadata(HostCluster.KIND, "p", "gpu-1", Map.of(), "test", T0)
            .withId("cluster-1").withGeneration(generation))
        .spec(HostClusterSpec.builder().name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
            .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
            .build())
        .status(HostClusterStatus.builder().phase(ClusterPhase.RUNNING).build())
        .build();
  }
}
