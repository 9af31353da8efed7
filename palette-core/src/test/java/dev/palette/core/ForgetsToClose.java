package dev.palette.core;

import dev.palette.Palette;
import dev.palette.dsl.HostClusterResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * A program that uses a sandbox cluster and returns from {@code main} without closing its
 * Palette; {@link ForgottenCloseTest} runs it in a child JVM, which must exit on its own.
 */
public final class ForgetsToClose {
  private ForgetsToClose() {}

  public static void main(String[] args) {
    Palette palette = Palette.builder().build();
    Fixtures.projectWithAccount(palette.clusterMode());
    palette.clusterMode().clusters().inProject(Fixtures.PROJECT).create(Fixtures.cluster("gpu-1"))
        .await(Duration.ofSeconds(60));
    HostClusterResource gpu1 = palette.clusterMode().clusters().inProject(Fixtures.PROJECT).withName("gpu-1");
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(gpu1.kubeconfig().yaml())).build()) {
      System.out.println("nodes " + client.nodes().list().getItems().size());
    }
    System.out.println("returning from main without close()");
  }
}
