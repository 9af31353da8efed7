package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.ClusterMode;
import dev.palette.ManualClock;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.QuotaExceededException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import dev.palette.model.AuditQuery;
import dev.palette.model.CostGroup;
import dev.palette.model.CostLine;
import dev.palette.model.CostReport;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.NamespaceAllocation;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.RoleScope;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernanceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");
  private final ManualClock clock = new ManualClock(MONDAY);
  private Palette palette;

  private ClusterMode start(PaletteConfigurer configure) {
    var builder = Palette.builder().clock(clock).discoverProviders(false)
        .provider(new SandboxProvider(SandboxSettings.instant(), clock));
    palette = configure.apply(builder).build();
    return palette.clusterMode();
  }

  private interface PaletteConfigurer {
    dev.palette.PaletteBuilder apply(dev.palette.PaletteBuilder b);
  }

  @AfterEach
  void stop() {
    if (palette != null) {
      palette.close();
    }
  }

  /** Two projects, two teams with Cluster Admin and Project Viewer in their own project. */
  private void twoTeams(ClusterMode admin) {
    for (String project : List.of("ml", "web")) {
      admin.projects().create(p -> p.name(project));
      admin.cloudAccounts().inProject(project).create(a -> a.name("sandbox").cloudType("sandbox"));
    }
    admin.users().create(u -> u.name("alice"));
    admin.users().create(u -> u.name("bob"));
    admin.teams().create(t -> t.name("ml-team").addMember("alice"));
    admin.teams().create(t -> t.name("web-team").addMember("bob"));
    for (String[] b : new String[][] {{"ml-team", "ml"}, {"web-team", "web"}}) {
      admin.roleBindings().bindTeam(b[0], "Cluster Admin", b[1]);
      admin.roleBindings().bindTeam(b[0], "Project Viewer", b[1]);
    }
  }

  @Test
  void aMemberOfOneTeamCannotSeeOrChangeTheOtherProjectsClustersAndTheDenialIsAudited() {
    ClusterMode admin = start(b -> b);
    twoTeams(admin);
    ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
    ClusterMode bob = palette.as(Principal.user("bob")).clusterMode();
    alice.clusters().inProject("ml").create(spec("gpu-1", "sandbox.gpu", 2)).await(WAIT);
    bob.clusters().inProject("web").create(spec("web-1", "sandbox.medium", 3)).await(WAIT);

    assertThat(bob.clusters().inProject("ml").list()).isEmpty();
    assertThat(bob.clusters().inAnyScope().list()).extracting(c -> c.name()).containsExactly("web-1");
    assertThat(admin.clusters().inAnyScope().list()).hasSize(2);
    AccessDeniedException denied = catchThrowableOfType(AccessDeniedException.class,
        () -> bob.clusters().inProject("ml").withName("gpu-1").scaleNodePool("worker", 0));
    assertThat(denied.permission()).isEqualTo("cluster.update");
    assertThat(denied.scope()).isEqualTo("project ml");
    assertThatThrownBy(() -> bob.clusters().inProject("ml").withName("gpu-1").get())
        .isInstanceOf(AccessDeniedException.class);
    assertThat(admin.clusters().inProject("ml").withName("gpu-1").require().spec().nodePool("worker")
        .orElseThrow().size()).isEqualTo(2);

    List<AuditEvent> denials = admin.audit().query(q -> q.addAction(AuditAction.DENY));
    assertThat(denials).extracting(AuditEvent::actor, AuditEvent::permission, AuditEvent::project,
            AuditEvent::resourceName, AuditEvent::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", "cluster.update", "ml", "gpu-1", AuditOutcome.DENIED),
            org.assertj.core.groups.Tuple.tuple("bob", "cluster.get", "ml", "gpu-1", AuditOutcome.DENIED));
    // Bob reads the audit of his own project only, and never the tenant-wide log.
    assertThat(bob.audit().query(AuditQuery.builder().build()))
        .isNotEmpty().allSatisfy(e -> assertThat(e.project()).isEqualTo("web"));
    assertThatThrownBy(() -> bob.audit().verify()).isInstanceOf(AccessDeniedException.class);
    StringWriter csv = new StringWriter();
    admin.audit().exportCsv(AuditQuery.builder().addActor("bob").build(), csv);
    assertThat(csv.toString()).contains("bob,user,deny,cluster.update,HostCluster,gpu-1,ml,denied");
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aWeeklyCostReportEqualsTheFigureComputedByHand() {
    ClusterMode admin = start(b -> b);
    twoTeams(admin);
    ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
    alice.clusters().inProject("ml").create(spec("gpu-1", "sandbox.gpu", 2)).await(WAIT);
    admin.clusters().inProject("web").create(spec("web-1", "sandbox.medium", 3)).await(WAIT);
    clock.advance(Duration.ofDays(3));
    alice.clusters().inProject("ml").withName("gpu-1").scaleNodePool("worker", 4).await(WAIT);
    clock.advance(Duration.ofDays(4));

    CostReport byProject = admin.costs().report(MONDAY, clock.instant(), CostGroup.PROJECT);

    // ml: control plane sandbox.small $0.05/h + 2 sandbox.gpu $1.20/h for 168 h, 2 more gpu for 96 h
    //   compute 168 × 2.45 + 96 × 2.40 = 411.60 + 230.40 = 642.00
    //   storage 60 GiB disks at $0.10/GiB-month (0.10 / 730 per GiB-h): 3 × 60 × 168 + 2 × 60 × 96
    //   = 41,760 GiB-h → $5.72;  CPU-core hours 168 × (2 + 16) + 96 × 16 = 4,560
    // web: 4 nodes (1 small, 3 medium at $0.10/h) for 168 h: compute 168 × 0.35 = 58.80;
    //   storage 4 × 60 × 168 = 40,320 GiB-h → $5.52;  CPU-core hours 168 × (2 + 12) = 2,352
    assertThat(byProject.lines()).extracting(CostLine::group, l -> l.compute().toPlainString(),
            l -> l.storage().toPlainString(), l -> l.total().toPlainString(), l -> l.cpuCoreHours().toPlainString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ml", "642.00", "5.72", "647.72", "4560.00"),
            org.assertj.core.groups.Tuple.tuple("web", "58.80", "5.52", "64.32", "2352.00"));
    assertThat(byProject.total()).isEqualByComparingTo(new BigDecimal("712.04"));
    assertThat(admin.costs().report(MONDAY, clock.instant(), CostGroup.CLOUD).lines())
        .singleElement().satisfies(l -> assertThat(l.group()).isEqualTo("sandbox"));
    // Alice sees her project's costs only.
    assertThat(alice.costs().report(MONDAY, clock.instant(), CostGroup.PROJECT).lines())
        .extracting(CostLine::group).containsExactly("ml");
  }

  @Test
  void aBindingCountsAtOnceOnTheDirectoryStore(@TempDir Path dir) {
    ClusterMode admin = start(b -> b.directoryStore(dir));
    admin.projects().create(p -> p.name("ml"));
    admin.users().create(u -> u.name("alice"));
    ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
    for (int i = 0; i < 20; i++) {
      String name = "p" + i;
      admin.projects().create(p -> p.name(name));
      admin.roleBindings().bindUser("alice", "Project Viewer", name);
      assertThat(alice.projects().withName(name).get()).isPresent();
      assertThat(alice.projects().list()).extracting(p -> p.name()).contains(name);
    }
  }

  @Test
  void aUserTeamOrRoleCreatedOnTheLineBeforeCanBeBoundOnTheDirectoryStore(@TempDir Path dir) {
    // Without fsync, to keep 1,600 writes quick: the race is with the store's event thread, not the disk.
    ClusterMode admin = start(b -> b.store(dev.palette.core.store.directory.DirectoryStateStore.open(dir,
        dev.palette.core.store.directory.DirectoryStateStore.Options.defaults().withFsync(false))));
    admin.projects().create(p -> p.name("ml"));
    admin.tenant().updateLimits(l -> l.users(1000).teams(1000).roles(1000).roleBindings(1000));
    List<String> failures = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String user = "u-" + i;
      admin.users().create(u -> u.name(user));
      bindOrNote(failures, () -> admin.roleBindings().bindUser(user, "Project Viewer", "ml"));
    }
    for (int i = 0; i < 100; i++) {
      String team = "t-" + i;
      admin.teams().create(t -> t.name(team));
      bindOrNote(failures, () -> admin.roleBindings().bindTeam(team, "Cluster Viewer", "ml"));
    }
    for (int i = 0; i < 100; i++) {
      String role = "Reader " + i;
      String user = "u-" + i;
      admin.roles().create(r -> r.name(role).scope(RoleScope.PROJECT).addPermission("cluster.get"));
      bindOrNote(failures, () -> admin.roleBindings().bindUser(user, role, "ml"));
    }

    assertThat(failures).isEmpty();
    assertThat(admin.roleBindings().list()).hasSize(400);
  }

  private static void bindOrNote(List<String> failures, Runnable bind) {
    try {
      bind.run();
    } catch (ValidationException e) {
      failures.add(e.getMessage());
    }
  }

  /** Alice may read projects ml and web, and watches the cloud accounts of each. */
  private final List<String> heardInMl = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> heardInWeb = new java.util.concurrent.CopyOnWriteArrayList<>();

  private ClusterMode aliceWatchesMlAndWeb(ClusterMode admin) {
    for (String project : List.of("ml", "web")) {
      admin.projects().create(p -> p.name(project));
    }
    admin.users().create(u -> u.name("alice"));
    admin.roleBindings().bindUser("alice", "Project Viewer", "web");
    ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
    // Only creations: the cloud account controller's status writes come later, as changes.
    alice.cloudAccounts().inProject("ml").watch(e -> {
      if (e.type() == dev.palette.event.RecordEvent.Type.ADDED) {
        heardInMl.add(e.record().name());
      }
    });
    alice.cloudAccounts().inProject("web").watch(e -> {
      if (e.type() == dev.palette.event.RecordEvent.Type.ADDED) {
        heardInWeb.add(e.record().name());
      }
    });
    return alice;
  }

  /**
   * Creates an account in ml, then one in web that alice hears; events reach every watcher in
   * commit order, so once she has heard the second, the first has been delivered or withheld.
   */
  private void accountInMlThenMarkerInWeb(ClusterMode admin, String account, String marker) {
    admin.cloudAccounts().inProject("ml").create(a -> a.name(account).cloudType("sandbox"));
    admin.cloudAccounts().inProject("web").create(a -> a.name(marker).cloudType("sandbox"));
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> heardInWeb.contains(marker));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "directory store: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aWatcherStopsHearingAProjectOnceTheBindingThatLetItReadIsRevoked(boolean onDisk, @TempDir Path dir) {
    ClusterMode admin = start(b -> onDisk ? b.directoryStore(dir) : b);
    aliceWatchesMlAndWeb(admin);
    admin.roleBindings().bindUser("alice", "Project Viewer", "ml");
    accountInMlThenMarkerInWeb(admin, "before", "marker-1");
    assertThat(heardInMl).containsExactly("before");

    admin.roleBindings().unbindUser("alice", "Project Viewer", "ml");
    accountInMlThenMarkerInWeb(admin, "after", "marker-2");

    assertThat(heardInMl).containsExactly("before");
  }

  @Test
  void aWatcherStopsHearingAProjectOnceItLeavesTheTeamThatLetItRead() {
    ClusterMode admin = start(b -> b);
    aliceWatchesMlAndWeb(admin);
    admin.teams().create(t -> t.name("ml-team").addMember("alice"));
    admin.roleBindings().bindTeam("ml-team", "Project Viewer", "ml");
    accountInMlThenMarkerInWeb(admin, "before", "marker-1");
    assertThat(heardInMl).containsExactly("before");

    admin.teams().withName("ml-team").removeMember("alice");
    accountInMlThenMarkerInWeb(admin, "after", "marker-2");

    assertThat(heardInMl).containsExactly("before");
  }

  @Test
  void aWatcherStartsHearingAProjectOnceItIsGrantedTheRightToReadIt() {
    ClusterMode admin = start(b -> b);
    aliceWatchesMlAndWeb(admin);
    accountInMlThenMarkerInWeb(admin, "before", "marker-1");
    assertThat(heardInMl).isEmpty();

    admin.roleBindings().bindUser("alice", "Project Viewer", "ml");
    accountInMlThenMarkerInWeb(admin, "after", "marker-2");

    assertThat(heardInMl).containsExactly("after");
  }

  @Test
  void anAuditWatcherStopsHearingAProjectOnceTheBindingThatLetItReadIsRevoked() {
    ClusterMode admin = start(b -> b);
    admin.projects().create(p -> p.name("ml"));
    admin.users().create(u -> u.name("alice"));
    admin.roleBindings().bindUser("alice", "Project Viewer", "ml");
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    palette.as(Principal.user("alice")).clusterMode().audit().watch(e -> heard.add(e.resourceName()));

    // Audit watchers hear an event before the call that appended it returns.
    admin.cloudAccounts().inProject("ml").create(a -> a.name("before").cloudType("sandbox"));
    admin.roleBindings().unbindUser("alice", "Project Viewer", "ml");
    admin.cloudAccounts().inProject("ml").create(a -> a.name("after").cloudType("sandbox"));

    assertThat(heard).contains("before").doesNotContain("after");
  }

  @Test
  void tenantLimitsAreEnforcedWithAClearError() {
    ClusterMode admin = start(b -> b);
    admin.tenant().updateLimits(l -> l.projects(2));
    admin.projects().create(p -> p.name("one"));
    admin.projects().create(p -> p.name("two"));

    assertThatThrownBy(() -> admin.projects().create(p -> p.name("three")))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("tenant limit reached: 2 of 2 projects")
        .hasMessageContaining("updateLimits");
    assertThat(admin.projects().list()).hasSize(2);
    assertThat(catchThrowableOfType(ValidationException.class,
        () -> admin.tenant().updateLimits(l -> l.users(-1).teams(-2))).violations())
        .extracting(Violation::field).containsExactlyInAnyOrder("users", "teams");
  }

  @Test
  void auditEventsNeverHoldSecrets() {
    String secret = "AKIA-very-secret-value-123";
    ClusterMode admin = start(b -> b);
    admin.projects().create(p -> p.name("ml"));
    admin.cloudAccounts().inProject("ml").create(a -> a.name("prod").cloudType("sandbox")
        .putCredential("secretKey", secret));
    StringWriter json = new StringWriter();
    admin.audit().exportJsonLines(AuditQuery.builder().build(), json);

    assertThat(json.toString()).contains("created cloud account prod").doesNotContain(secret);
  }

  @Test
  void workspaceAllocationsMustFitTheQuotaAndNameRealClusters() {
    ClusterMode admin = start(b -> b);
    admin.projects().create(p -> p.name("ml"));

    ValidationException e = catchThrowableOfType(ValidationException.class, () ->
        admin.workspaces().inProject("ml").create(w -> w.name("research").addCluster("nope")
            .addNamespace(NamespaceAllocation.builder().namespace("train").cpuMillicores(6000).memoryMiB(8192).build())
            .addNamespace(NamespaceAllocation.builder().namespace("serve").cpuMillicores(6000).gpus(2).build())
            .quota(NamespaceAllocation.builder().namespace("*").cpuMillicores(8000).memoryMiB(65536).gpus(1).build())
            .addImageDenyList("docker.io/library/")));

    assertThat(e.violations()).extracting(Violation::field)
        .containsExactlyInAnyOrder("clusters[0]", "quota.cpuMillicores", "quota.gpus");
    assertThat(admin.workspaces().inProject("ml").list()).isEmpty();
  }

  @Test
  void customRolesNeedKnownPermissionsAndGrantThem() {
    ClusterMode admin = start(b -> b);
    twoTeams(admin);
    assertThat(catchThrowableOfType(ValidationException.class, () -> admin.roles().create(r -> r
        .name("Odd").scope(RoleScope.PROJECT).addPermission("cluster.fly"))).violations())
        .extracting(Violation::field).containsExactly("permissions[0]");

    admin.roles().create(r -> r.name("Cluster Scaler").scope(RoleScope.PROJECT)
        .addPermissions("cluster.get", "cluster.list", "cluster.update"));
    admin.roleBindings().bindUser("bob", "Cluster Scaler", "ml");
    admin.clusters().inProject("ml").create(spec("gpu-1", "sandbox.gpu", 1)).await(WAIT);

    ClusterMode bob = palette.as(Principal.user("bob")).clusterMode();
    bob.clusters().inProject("ml").withName("gpu-1").scaleNodePool("worker", 2).await(WAIT);
    assertThatThrownBy(() -> bob.clusters().inProject("ml").withName("gpu-1").delete())
        .isInstanceOf(AccessDeniedException.class);
    assertThat(admin.roles().list()).extracting(r -> r.name()).contains("Cluster Scaler", "Tenant Admin");
  }

  private static HostClusterSpec spec(String name, String workerType, int workers) {
    return HostClusterSpec.builder().name(name).cloudType("sandbox").cloudAccount("sandbox")
        .addNodePool(NodePoolSpec.builder().name("control-plane").size(1).controlPlane(true)
            .instanceType("sandbox.small").build())
        .addNodePool(NodePoolSpec.builder().name("worker").size(workers).instanceType(workerType).build())
        .build();
  }
}
