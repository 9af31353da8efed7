package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.ConflictException;
import dev.palette.error.PaletteException;
import dev.palette.error.QuotaExceededException;
import dev.palette.model.HostCluster;
import dev.palette.model.NodePoolSpec;
import dev.palette.spi.RecordQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Racing calls of the public API, each released together by a barrier and repeated. */
class RaceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final List<Palette> palettes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    palettes.forEach(Palette::close);
  }

  private Palette start(MemoryStateStore store) {
    Palette palette = Palette.builder().store(store).build();
    palettes.add(palette);
    return palette;
  }

  /** Runs every task at once, released by one barrier, and returns how many returned normally. */
  private int race(List<Callable<?>> tasks) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(tasks.size());
    List<Future<Boolean>> results = new ArrayList<>();
    for (Callable<?> task : tasks) {
      results.add(pool.submit(() -> {
        barrier.await(30, TimeUnit.SECONDS);
        try {
          task.call();
          return true;
        } catch (PaletteException e) {
          return false;
        }
      }));
    }
    int succeeded = 0;
    for (Future<Boolean> result : results) {
      if (result.get(30, TimeUnit.SECONDS)) {
        succeeded++;
      }
    }
    return succeeded;
  }

  @Test
  void concurrentScalesOfDifferentPoolsKeepBothChanges() throws Exception {
    ClusterMode cm = start(new MemoryStateStore()).clusterMode();
    Fixtures.projectWithAccount(cm);
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1").toBuilder()
        .addNodePool(NodePoolSpec.builder().name("batch").size(1).instanceType("sandbox.large").build())
        .build()).await(WAIT);
    var cluster = cm.clusters().inProject(PROJECT).withName("gpu-1");
    for (int round = 1; round <= 40; round++) {
      int size = round % 5 + 1;
      int succeeded = race(List.of(
          () -> cluster.scaleNodePool("worker", size),
          () -> cluster.scaleNodePool("batch", size + 1)));
      assertThat(succeeded).isEqualTo(2);
      HostCluster now = cluster.require();
      assertThat(now.spec().nodePool("worker").orElseThrow().size()).as("round %d", round).isEqualTo(size);
      assertThat(now.spec().nodePool("batch").orElseThrow().size()).as("round %d", round).isEqualTo(size + 1);
    }
  }

  @Test
  void anUpdatedClustersMetadataLabelsAreItsSpecLabels() {
    MemoryStateStore store = new MemoryStateStore();
    ClusterMode cm = start(store).clusterMode();
    Fixtures.projectWithAccount(cm);
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1").withLabels(java.util.Map.of("tier", "dev")))
        .await(WAIT);
    HostCluster updated = cm.clusters().inProject(PROJECT).withName("gpu-1")
        .update(b -> b.labels(java.util.Map.of("tier", "prod", "team", "ml"))).await(WAIT);
    assertThat(updated.metadata().labels()).isEqualTo(updated.spec().labels())
        .isEqualTo(java.util.Map.of("tier", "prod", "team", "ml"));
    assertThat(store.list(new RecordQuery("HostCluster", PROJECT, java.util.Map.of("tier", "prod"))).records()).hasSize(1);
    assertThat(store.list(new RecordQuery("HostCluster", PROJECT, java.util.Map.of("tier", "dev"))).records()).isEmpty();
  }

  @Test
  void racingCreatesNeverExceedTheTenantLimit() throws Exception {
    for (int round = 1; round <= 20; round++) {
      ClusterMode cm = start(new MemoryStateStore()).clusterMode();
      // Records already there widen the window between counting them and creating one more.
      for (int i = 0; i < 50; i++) {
        String name = "old-" + i;
        cm.projects().create(p -> p.name(name));
      }
      cm.tenant().updateLimits(l -> l.projects(53));
      assertThat(race(projectCreates(List.of(cm), round))).as("round %d", round).isEqualTo(3);
      assertThat(cm.projects().list()).hasSize(53);
    }
  }

  @Test
  void aFailedCreateAndADeleteGiveTheirRoomBack() {
    ClusterMode cm = start(new MemoryStateStore()).clusterMode();
    cm.tenant().updateLimits(l -> l.projects(2));
    cm.projects().create(p -> p.name("a"));
    assertThatThrownBy(() -> cm.projects().create(p -> p.name("a"))).isInstanceOf(ConflictException.class);
    cm.projects().create(p -> p.name("b"));
    assertThatThrownBy(() -> cm.projects().create(p -> p.name("c"))).isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("tenant limit reached: 2 of 2 projects");
    cm.projects().withName("a").delete();
    cm.projects().create(p -> p.name("c"));
    assertThat(cm.projects().list()).extracting(p -> p.name()).containsExactly("b", "c");
  }

  @Test
  void racingCreatesOfTwoEnginesOnOneStoreNeverExceedTheTenantLimit() throws Exception {
    for (int round = 1; round <= 10; round++) {
      MemoryStateStore shared = new MemoryStateStore();
      ClusterMode first = start(shared).clusterMode();
      ClusterMode second = start(shared).clusterMode();
      first.tenant().updateLimits(l -> l.projects(3));
      // Every create that had room wrote its project, whichever engine it ran on.
      assertThat(race(projectCreates(List.of(first, second), round))).as("round %d", round).isLessThanOrEqualTo(3);
      assertThat(shared.list(RecordQuery.all("Project")).records()).as("round %d", round).hasSize(3);
    }
  }

  private static List<Callable<?>> projectCreates(List<ClusterMode> engines, int round) {
    List<Callable<?>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ClusterMode cm = engines.get(i % engines.size());
      String name = "p-" + round + "-" + i;
      tasks.add(() -> cm.projects().create(p -> p.name(name)));
    }
    return tasks;
  }

  @Test
  void aProjectDeletedWhileClustersAreCreatedInItKeepsNone() throws Exception {
    MemoryStateStore store = new MemoryStateStore();
    ClusterMode cm = start(store).clusterMode();
    cm.cloudAccounts().inTenant().create(a -> a.name("sandbox").cloudType("sandbox"));
    for (int round = 1; round <= 40; round++) {
      String project = "race-" + round;
      cm.projects().create(p -> p.name(project));
      List<Callable<?>> tasks = new ArrayList<>();
      tasks.add(() -> {
        cm.projects().withName(project).delete();
        return null;
      });
      for (int i = 0; i < 3; i++) {
        String cluster = "c-" + i;
        tasks.add(() -> cm.clusters().inProject(project).create(Fixtures.cluster(cluster)));
      }
      race(tasks);
      boolean projectGone = cm.projects().withName(project).get().isEmpty();
      if (projectGone) {
        assertThat(store.list(RecordQuery.inScope("HostCluster", project)).records()).as("round %d", round).isEmpty();
      } else {
        // The delete lost: the project holds clusters, and it is not left marked for deletion.
        assertThat(cm.projects().withName(project).require().metadata().deletionRequested()).isFalse();
      }
    }
  }

  @Test
  void aCloudAccountDeletedWhileClustersAreCreatedOnItKeepsNone() throws Exception {
    MemoryStateStore store = new MemoryStateStore();
    ClusterMode cm = start(store).clusterMode();
    cm.projects().create(p -> p.name(PROJECT));
    for (int round = 1; round <= 40; round++) {
      String account = "acct-" + round;
      cm.cloudAccounts().inProject(PROJECT).create(a -> a.name(account).cloudType("sandbox"));
      List<Callable<?>> tasks = new ArrayList<>();
      tasks.add(() -> {
        cm.cloudAccounts().inProject(PROJECT).withName(account).delete();
        return null;
      });
      for (int i = 0; i < 3; i++) {
        String cluster = "r" + round + "-c" + i;
        tasks.add(() -> cm.clusters().inProject(PROJECT)
            .create(Fixtures.cluster(cluster).withCloudAccount(account)));
      }
      race(tasks);
      boolean accountGone = cm.cloudAccounts().inProject(PROJECT).withName(account).get().isEmpty();
      List<HostCluster> users = cm.clusters().inProject(PROJECT).list().stream()
          .filter(c -> c.spec().cloudAccount().equals(account)).toList();
      if (accountGone) {
        assertThat(users).as("round %d", round).isEmpty();
      } else {
        assertThat(cm.cloudAccounts().inProject(PROJECT).withName(account).require().metadata()
            .deletionRequested()).isFalse();
      }
    }
  }

  @Test
  void aCloudAccountDeletedWhileAClusterIsMovedOntoItIsNotReferenced() throws Exception {
    ClusterMode cm = start(new MemoryStateStore()).clusterMode();
    Fixtures.projectWithAccount(cm);
    var cluster = cm.clusters().inProject(PROJECT).withName("gpu-1");
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(WAIT);
    for (int round = 1; round <= 30; round++) {
      String account = "move-" + round;
      cm.cloudAccounts().inProject(PROJECT).create(a -> a.name(account).cloudType("sandbox"));
      race(List.of(
          () -> {
            cm.cloudAccounts().inProject(PROJECT).withName(account).delete();
            return null;
          },
          () -> cluster.update(b -> b.cloudAccount(account))));
      boolean accountGone = cm.cloudAccounts().inProject(PROJECT).withName(account).get().isEmpty();
      String used = cluster.require().spec().cloudAccount();
      if (accountGone) {
        assertThat(used).as("round %d", round).isEqualTo("sandbox");
      } else if (used.equals(account)) {
        cluster.update(b -> b.cloudAccount("sandbox"));
      }
    }
  }
}
