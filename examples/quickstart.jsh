// Palette for Java quickstart, for JShell. From the repository root, after `mvn -q package -DskipTests`:
//   jshell --class-path "examples/target/classes:$(cat examples/target/classpath.txt)" examples/quickstart.jsh
// (examples/target/classes holds the logging settings: warnings only; the README says how to see more.)
// It does what dev.palette.examples.Quickstart does. The sandbox provider is a simulation: each host
// cluster is an in-process Kubernetes API server with simulated nodes; no cloud, no Docker.
import dev.palette.*;
import dev.palette.dsl.*;
import dev.palette.model.*;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

int listNodes(HostClusterResource cluster) {
  try (KubernetesClient k8s = cluster.client()) {
    var nodes = k8s.nodes().list().getItems();
    System.out.println("Nodes listed through Fabric8:");
    nodes.forEach(n -> System.out.printf("  %-28s %-16s cpu=%s%n", n.getMetadata().getName(),
        n.getMetadata().getLabels().get("node.kubernetes.io/instance-type"), n.getStatus().getCapacity().get("cpu")));
    return nodes.size();
  }
}

int quickstart() {
  try (Palette palette = Palette.builder().build()) {
    ClusterMode cm = palette.clusterMode();
    System.out.println("Palette started with providers " + palette.providerIds());
    cm.projects().create(p -> p.name("ml-modeling"));
    cm.cloudAccounts().inProject("ml-modeling").create(a -> a.name("sandbox").cloudType("sandbox"));
    cm.clusterProfiles().inProject("ml-modeling").create(p -> p.name("ml-base").version("1.0.0").cloudType("sandbox")
        .layer(l -> l.layer(LayerType.OS).name("ubuntu").version("22.04"))
        .layer(l -> l.layer(LayerType.K8S).name("kubernetes").version("1.30.4")));

    HostClusters clusters = cm.clusters().inProject("ml-modeling");
    Operation<HostCluster> create = clusters.create(c -> c.name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
        .profile("ml-base", "1.0.0")
        .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
        .nodePool(p -> p.name("worker").size(3).instanceType("sandbox.large")));
    create.onProgress(p -> System.out.println("  " + p));
    HostCluster cluster = create.await(Duration.ofMinutes(2));
    System.out.println("Host cluster gpu-1 is " + cluster.phase() + " with " + cluster.status().nodes().size() + " nodes");

    HostClusterResource gpu1 = clusters.withName("gpu-1");
    listNodes(gpu1);

    System.out.println("Scaling pool worker to 5 ...");
    Operation<HostCluster> scale = gpu1.scaleNodePool("worker", 5);
    scale.onProgress(p -> System.out.println("  " + p));
    scale.await(Duration.ofMinutes(2));
    int nodes = listNodes(gpu1);

    System.out.println("Deleting host cluster gpu-1 ...");
    Operation<Void> delete = gpu1.delete();
    delete.onProgress(p -> System.out.println("  " + p));
    delete.await(Duration.ofMinutes(2));
    System.out.println("Host cluster gpu-1 is deleted: " + gpu1.get().isEmpty());
    System.out.println("Quickstart finished with " + nodes + " nodes at its peak.");
    return 0;
  } catch (RuntimeException e) {
    System.err.println("quickstart failed: " + e.getMessage());
    return 1;
  }
}

/exit quickstart()
// Reached only when the line above could not run (a snippet failed to compile): fail loudly.
/exit 1
