package dev.palette.benchmarks.engine;

import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Palette;
import dev.palette.model.HostCluster;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.NodePoolSpec;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fleet of sandbox host clusters (1 control-plane + 3 worker nodes each) created at once, timed
 * until every one is RUNNING. The sandbox runs with zero provisioning delay, so this measures the
 * engine: facade, store, controllers and provider steps. After each run it prints the heap still
 * in use with the fleet alive (after a full GC). Target: 1,000 clusters in 20 s, 1 GiB retained.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar FleetBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class FleetBenchmark {
  @Param({"1000"})
  public int clusters;

  private SandboxCloud cloud;
  private Palette palette;
  private ClusterMode cm;

  @Setup(Level.Iteration)
  public void start() {
    cloud = new SandboxCloud(SandboxSettings.instant());
    palette = Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC())).build();
    cm = palette.clusterMode();
    cm.projects().create(p -> p.name("fleet"));
    cm.cloudAccounts().inProject("fleet").create(a -> a.name("sandbox").cloudType("sandbox"));
  }

  @Benchmark
  public int provisionFleet() {
    List<Operation<HostCluster>> ops = new ArrayList<>(clusters);
    for (int i = 0; i < clusters; i++) {
      ops.add(cm.clusters().inProject("fleet").create(spec("c-" + i)));
    }
    int running = 0;
    for (Operation<HostCluster> op : ops) {
      op.await(Duration.ofMinutes(5));
      running++;
    }
    return running;
  }

  @TearDown(Level.Iteration)
  public void stop() {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("%n  heap in use with %d clusters running: %,d MiB%n", clusters, used >> 20);
    palette.close();
    cloud.close();
  }

  static HostClusterSpec spec(String name) {
    return HostClusterSpec.builder().name(name).cloudType("sandbox").cloudAccount("sandbox")
        .addNodePool(NodePoolSpec.builder().name("control-plane").size(1).controlPlane(true)
            .instanceType("sandbox.medium").build())
        .addNodePool(NodePoolSpec.builder().name("worker").size(3).instanceType("sandbox.medium").build())
        .build();
  }
}
