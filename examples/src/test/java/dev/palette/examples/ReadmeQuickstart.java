package dev.palette.examples;

// tag::quickstart[]
import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Palette;
import dev.palette.dsl.HostClusterResource;
import dev.palette.model.HostCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
// end::quickstart[]

/** The README's "In code" snippet; {@link ReadmeTest} runs it and checks the README shows it. */
final class ReadmeQuickstart {
  private ReadmeQuickstart() {}

  static void run() {
    // tag::quickstart[]
    try (Palette palette = Palette.builder().build()) {          // memory store, providers from the class path
      ClusterMode cm = palette.clusterMode();
      cm.projects().create(p -> p.name("ml-modeling"));
      cm.cloudAccounts().inProject("ml-modeling").create(a -> a.name("sandbox").cloudType("sandbox"));

      Operation<HostCluster> create = cm.clusters().inProject("ml-modeling").create(c -> c
          .name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
          .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
          .nodePool(p -> p.name("worker").size(3).instanceType("sandbox.large")));
      create.onProgress(p -> System.out.println(p));              // PROVISIONING 40% — ...
      HostCluster gpu1 = create.await(Duration.ofMinutes(2));     // RUNNING

      HostClusterResource cluster = cm.clusters().inProject("ml-modeling").withName("gpu-1");
      try (KubernetesClient k8s = cluster.client()) {             // a new Fabric8 client; you close it
        k8s.nodes().list().getItems().forEach(n -> System.out.println(n.getMetadata().getName()));
      }
      cluster.scaleNodePool("worker", 5).await();
      cluster.delete().await();
    }
    // end::quickstart[]
  }
}
