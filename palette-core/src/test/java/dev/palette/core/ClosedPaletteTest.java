package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ClusterMode;
import dev.palette.Operation;
import dev.palette.Palette;
import dev.palette.PaletteBuilder;
import dev.palette.Principal;
import dev.palette.dsl.HostClusterResource;
import dev.palette.dsl.HostClusters;
import dev.palette.error.PaletteClosedException;
import dev.palette.model.HostCluster;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After {@code close()} every call fails at once with one clear exception, on every store. */
class ClosedPaletteTest {
  @TempDir Path dir;
  private final SandboxCloud cloud = new SandboxCloud(
      SandboxSettings.builder().provisioningDelay(Duration.ofMinutes(5)).build());

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private Palette open(String store) {
    PaletteBuilder builder = Palette.builder().discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC()));
    return (store.equals("directory") ? builder.directoryStore(dir) : builder).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void everyCallAfterCloseFailsWithPaletteClosed(String store) {
    Palette palette = open(store);
    ClusterMode cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
    HostClusters clusters = cm.clusters().inProject(PROJECT);
    Operation<HostCluster> create = clusters.create(Fixtures.cluster("slow"));
    HostClusterResource slow = clusters.withName("slow");

    palette.close();

    for (ThrowingCallable call : new ThrowingCallable[] {
        palette::clusterMode,
        palette::appMode,
        () -> palette.as(Principal.user("alice")),
        palette::providerIds,
        () -> cm.projects().list(),
        () -> cm.projects().create(p -> p.name("after-close")),
        cm::clusters,
        () -> clusters.list(),
        () -> clusters.create(Fixtures.cluster("after-close")),
        () -> clusters.withName("slow"),
        slow::get,
        slow::kubeconfig,
        slow::delete,
        () -> slow.scaleNodePool("worker", 5),
        () -> create.await(Duration.ofSeconds(5)),
        create::await,
    }) {
      assertThatThrownBy(call)
          .isInstanceOf(PaletteClosedException.class)
          .hasMessage("this Palette was closed; build a new one with Palette.builder() to go on");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "directory"})
  void anAwaitPendingAtCloseFailsPromptly(String store) {
    Palette palette = open(store);
    Fixtures.projectWithAccount(palette.clusterMode());
    Operation<HostCluster> create =
        palette.clusterMode().clusters().inProject(PROJECT).create(Fixtures.cluster("slow"));
    CompletableFuture<HostCluster> waiting =
        CompletableFuture.supplyAsync(() -> create.await(Duration.ofMinutes(2)));

    palette.close();

    assertThat(waiting).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(PaletteClosedException.class);
  }
}
