package dev.palette.examples;

import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Palette;
import dev.palette.dsl.HostClusterResource;
import dev.palette.error.PaletteException;
import dev.palette.model.HostCluster;
import dev.palette.model.LayerType;
import dev.palette.model.ProfileType;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's quickstart: a host cluster provisioned, used, scaled and deleted inside this JVM.
 *
 * <p>It runs on the {@code sandbox} provider, a simulation: each host cluster is an in-process
 * Kubernetes API server with simulated nodes, so it needs no cloud and no Docker. The same code
 * provisions a real cluster once a real provider and cloud account are used instead.
 */
public final class Quickstart {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String PROJECT = "ml-modeling";

  private final List<String[]> summary = new ArrayList<>();

  public static void main(String[] args) {
    try {
      new Quickstart().run();
    } catch (PaletteException | io.fabric8.kubernetes.client.KubernetesClientException e) {
      System.err.println("quickstart failed: " + e.getMessage());
      System.exit(1);
    }
  }

  void run() {
    try (Palette palette = Palette.builder().build()) {
      ClusterMode cm = palette.clusterMode();
      System.out.println("Palette started with providers " + palette.providerIds());

      long t = System.nanoTime();
      cm.projects().create(p -> p.name(PROJECT).description("Clusters of the machine learning team"));
      cm.cloudAccounts().inProject(PROJECT).create(a -> a.name("sandbox").cloudType("sandbox"));
      cm.clusterProfiles().inProject(PROJECT).create(p -> p
          .name("ml-base").version("1.0.0").type(ProfileType.FULL).cloudType("sandbox")
          .layer(l -> l.layer(LayerType.OS).name("ubuntu").version("22.04"))
          .layer(l -> l.layer(LayerType.K8S).name("kubernetes").version("1.30.4"))
          .layer(l -> l.layer(LayerType.CNI).name("cilium").version("1.15.x"))
          .layer(l -> l.layer(LayerType.CSI).name("local-path").version("0.0.28")));
      record("project, cloud account, profile", t, "created");

      t = System.nanoTime();
      System.out.println("Creating host cluster " + PROJECT + "/gpu-1 ...");
      Operation<HostCluster> create = cm.clusters().inProject(PROJECT).create(c -> c
          .name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
          .profile("ml-base", "1.0.0")
          .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
          .nodePool(p -> p.name("worker").size(3).instanceType("sandbox.large")));
      create.onProgress(p -> System.out.println("  " + p));
      HostCluster cluster = create.await(TIMEOUT);
      System.out.println("Host cluster gpu-1 is " + cluster.phase() + " with "
          + cluster.status().nodes().size() + " nodes");
      record("provision gpu-1", t, cluster.phase().name());

      HostClusterResource gpu1 = cm.clusters().inProject(PROJECT).withName("gpu-1");
      t = System.nanoTime();
      int nodes = listNodes(gpu1);
      record("list nodes through Fabric8", t, nodes + " nodes");

      t = System.nanoTime();
      System.out.println("Scaling pool worker to 5 ...");
      Operation<HostCluster> scale = gpu1.scaleNodePool("worker", 5);
      scale.onProgress(p -> System.out.println("  " + p));
      cluster = scale.await(TIMEOUT);
      nodes = listNodes(gpu1);
      record("scale worker 3 -> 5", t, nodes + " nodes");

      t = System.nanoTime();
      System.out.println("Deleting host cluster gpu-1 ...");
      Operation<Void> delete = gpu1.delete();
      delete.onProgress(p -> System.out.println("  " + p));
      delete.await(TIMEOUT);
      System.out.println("Host cluster gpu-1 is deleted: " + gpu1.get().isEmpty());
      record("delete gpu-1", t, "deleted");
    }
    printSummary();
  }

  private static int listNodes(HostClusterResource cluster) {
    try (KubernetesClient client = cluster.client()) {
      List<Node> nodes = client.nodes().list().getItems();
      System.out.println("Nodes listed through Fabric8 from " + client.getMasterUrl() + ":");
      System.out.printf("  %-28s %-14s %-16s %5s %8s%n", "NAME", "ROLE", "INSTANCE TYPE", "CPU", "MEMORY");
      for (Node n : nodes) {
        var labels = n.getMetadata().getLabels();
        String role = labels.containsKey("node-role.kubernetes.io/control-plane") ? "control-plane" : "worker";
        System.out.printf("  %-28s %-14s %-16s %5s %8s%n", n.getMetadata().getName(), role,
            labels.get("node.kubernetes.io/instance-type"),
            n.getStatus().getCapacity().get("cpu"), n.getStatus().getCapacity().get("memory"));
      }
      return nodes.size();
    }
  }

  private void record(String step, long startNanos, String result) {
    summary.add(new String[] {step, String.format("%,d ms", (System.nanoTime() - startNanos) / 1_000_000), result});
  }

  private void printSummary() {
    System.out.println();
    System.out.printf("%-36s %10s  %s%n", "STEP", "TIME", "RESULT");
    for (String[] row : summary) {
      System.out.printf("%-36s %10s  %s%n", row[0], row[1], row[2]);
    }
    System.out.println("Quickstart finished: the sandbox simulated every cluster in this JVM.");
  }
}
