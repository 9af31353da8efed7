package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.ClusterMode;
import dev.palette.ManualClock;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.core.frontdoor.Action;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.AccessDeniedException;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.CostGroup;
import dev.palette.model.CostLine;
import dev.palette.model.RateCard;
import dev.palette.model.RoleScope;
import dev.palette.model.SubjectKind;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every action of the authorization table {@link Action}, reads included, exercised through the
 * public API as each of a set of grants, allowed or denied as the table below says. User {@code u}
 * holds only the grant under test; the tenant admin sets everything up.
 *
 * <p>The actions are derived from the kind registry (kind × verb, plus the few actions on no kind),
 * and an action without a row fails the build. To add an action, add its row to {@link #ROWS}, one
 * line.
 *
 * <p>A refused call throws {@link AccessDeniedException} and appends exactly one denial event; a
 * list, watch or report in a scope the caller may not read is not refused but shows nothing of it.
 * Reads and refused calls of one grant share one engine (a refused call changes nothing but the
 * audit log); each allowed mutation runs on a fresh engine, since it changes what the next row
 * would find.
 */
class AuthorizationMatrixTest {
  private static final String A = "alpha";
  private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Grants under test: the built-in role and where it is bound ("" = tenant). */
  enum Grant {
    TENANT_ADMIN("Tenant Admin", ""),
    TENANT_VIEWER("Tenant Viewer", ""),
    TENANT_USER_ADMIN("Tenant User Admin", ""),
    PROJECT_ADMIN("Project Admin", A),
    PROJECT_VIEWER("Project Viewer", A),
    CLUSTER_ADMIN("Cluster Admin", A),
    CLUSTER_EDITOR("Cluster Editor", A),
    CLUSTER_VIEWER("Cluster Viewer", A),
    NONE(null, "");

    final String role;
    final String project;

    Grant(String role, String project) {
      this.role = role;
      this.project = project;
    }
  }

  /** How an operation answers a caller without the permission. */
  enum Shape {
    /** A change: refused, and the refusal audited. */
    MUTATION,
    /** A read of something named: refused, and the refusal audited. */
    READ,
    /** A list, watch or report: answered, with nothing the caller may not read. */
    FILTERED
  }

  /** The call as user {@code u}; {@code admin} may prepare what it needs. */
  @FunctionalInterface
  interface Call {
    Object run(ClusterMode u, ClusterMode admin);
  }

  private record Row(Action action, String operation, Shape shape, Set<Grant> allowed, Call call) {}

  private static final Set<Grant> TA = EnumSet.of(Grant.TENANT_ADMIN);
  private static final Set<Grant> TA_PA = EnumSet.of(Grant.TENANT_ADMIN, Grant.PROJECT_ADMIN);
  private static final Set<Grant> TENANT_READERS = EnumSet.of(Grant.TENANT_ADMIN, Grant.TENANT_VIEWER);
  private static final Set<Grant> PROJECT_READERS =
      EnumSet.of(Grant.TENANT_ADMIN, Grant.TENANT_VIEWER, Grant.PROJECT_ADMIN, Grant.PROJECT_VIEWER);
  private static final Set<Grant> CLUSTER_READERS = EnumSet.of(Grant.TENANT_ADMIN, Grant.TENANT_VIEWER,
      Grant.PROJECT_ADMIN, Grant.PROJECT_VIEWER, Grant.CLUSTER_ADMIN, Grant.CLUSTER_EDITOR, Grant.CLUSTER_VIEWER);
  private static final Set<Grant> CLUSTER_WRITERS =
      EnumSet.of(Grant.TENANT_ADMIN, Grant.PROJECT_ADMIN, Grant.CLUSTER_ADMIN, Grant.CLUSTER_EDITOR);
  private static final Set<Grant> CLUSTER_DELETERS =
      EnumSet.of(Grant.TENANT_ADMIN, Grant.PROJECT_ADMIN, Grant.CLUSTER_ADMIN);
  private static final Set<Grant> USER_ADMINS = EnumSet.of(Grant.TENANT_ADMIN, Grant.TENANT_USER_ADMIN);
  private static final Set<Grant> USER_READERS =
      EnumSet.of(Grant.TENANT_ADMIN, Grant.TENANT_VIEWER, Grant.TENANT_USER_ADMIN);

  // The action of a built-in kind's verb, as the registry derives it.
  private static Action action(String resource, String verb) {
    return Action.all(BuiltInKinds.registry()).stream()
        .filter(a -> a.permission().equals(resource + "." + verb)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no action " + resource + "." + verb));
  }

  private static Row row(Action action, String operation, Shape shape, Set<Grant> allowed, Call call) {
    return new Row(action, operation, shape, allowed, call);
  }

  /** The authorization table as users see it: at least one row per action. */
  private static final List<Row> ROWS = List.of(
      row(action("project", "create"), "create", Shape.MUTATION, TA, (u, a) -> u.projects().create(p -> p.name("new-project"))),
      row(action("project", "update"), "update", Shape.MUTATION, TA_PA,
          (u, a) -> u.projects().withName(A).update(p -> p.description("models"))),
      row(action("project", "delete"), "delete", Shape.MUTATION, TA, (u, a) -> run(() -> u.projects().withName("beta").delete())),
      row(action("project", "get"), "get", Shape.READ, PROJECT_READERS, (u, a) -> u.projects().withName(A).require()),
      row(action("project", "list"), "list", Shape.FILTERED, PROJECT_READERS, (u, a) -> u.projects().list()),
      row(action("cloudAccount", "create"), "create in a project", Shape.MUTATION, TA_PA,
          (u, a) -> u.cloudAccounts().inProject(A).create(c -> c.name("more").cloudType("sandbox"))),
      row(action("cloudAccount", "create"), "create in the tenant", Shape.MUTATION, TA,
          (u, a) -> u.cloudAccounts().inTenant().create(c -> c.name("shared").cloudType("sandbox"))),
      row(action("cloudAccount", "update"), "rotate credentials", Shape.MUTATION, TA_PA,
          (u, a) -> u.cloudAccounts().inProject(A).withName("spare").update(c -> c.putCredential("token", "rotated"))),
      row(action("cloudAccount", "delete"), "delete", Shape.MUTATION, TA_PA,
          (u, a) -> run(() -> u.cloudAccounts().inProject(A).withName("spare").delete())),
      row(action("cloudAccount", "get"), "get", Shape.READ, PROJECT_READERS,
          (u, a) -> u.cloudAccounts().inProject(A).withName("sandbox").require()),
      row(action("cloudAccount", "list"), "list", Shape.FILTERED, PROJECT_READERS, (u, a) -> u.cloudAccounts().inProject(A).list()),
      row(action("cloudAccount", "list"), "watch", Shape.FILTERED, PROJECT_READERS, AuthorizationMatrixTest::watchAccounts),
      row(action("clusterProfile", "create"), "create", Shape.MUTATION, TA_PA,
          (u, a) -> u.clusterProfiles().inProject(A).create(p -> p.name("extra").cloudType("sandbox"))),
      row(action("clusterProfile", "delete"), "delete", Shape.MUTATION, TA_PA,
          (u, a) -> run(() -> u.clusterProfiles().inProject(A).withName("base", "1.0.0").delete())),
      row(action("clusterProfile", "get"), "get", Shape.READ, PROJECT_READERS,
          (u, a) -> u.clusterProfiles().inProject(A).withName("base", "1.0.0").require()),
      row(action("clusterProfile", "list"), "list", Shape.FILTERED, PROJECT_READERS, (u, a) -> u.clusterProfiles().inProject(A).list()),
      row(action("cluster", "create"), "create", Shape.MUTATION, CLUSTER_WRITERS,
          (u, a) -> u.clusters().inProject(A).create(Fixtures.cluster("c2"))),
      row(action("cluster", "update"), "update", Shape.MUTATION, CLUSTER_WRITERS,
          (u, a) -> u.clusters().inProject(A).withName("c1").update(b -> b.putTag("team", "ml"))),
      row(action("cluster", "update"), "scale", Shape.MUTATION, CLUSTER_WRITERS,
          (u, a) -> u.clusters().inProject(A).withName("c1").scaleNodePool("worker", 4)),
      row(action("cluster", "delete"), "delete", Shape.MUTATION, CLUSTER_DELETERS, (u, a) -> u.clusters().inProject(A).withName("c1").delete()),
      row(action("cluster", "kubeconfig"), "kubeconfig", Shape.READ, CLUSTER_WRITERS,
          (u, a) -> u.clusters().inProject(A).withName("c1").kubeconfig()),
      row(action("cluster", "get"), "get", Shape.READ, CLUSTER_READERS, (u, a) -> u.clusters().inProject(A).withName("c1").require()),
      row(action("cluster", "get"), "untilReady", Shape.READ, CLUSTER_READERS,
          (u, a) -> u.clusters().inProject(A).withName("c1").untilReady().await(WAIT)),
      row(action("cluster", "list"), "list in a project", Shape.FILTERED, CLUSTER_READERS, (u, a) -> u.clusters().inProject(A).list()),
      row(action("cluster", "list"), "list everywhere", Shape.FILTERED, CLUSTER_READERS, (u, a) -> u.clusters().inAnyScope().list()),
      row(action("user", "create"), "create", Shape.MUTATION, USER_ADMINS, (u, a) -> u.users().create(n -> n.name("carol"))),
      row(action("user", "update"), "update", Shape.MUTATION, USER_ADMINS,
          (u, a) -> u.users().withName("bob").update(n -> n.displayName("Bob"))),
      row(action("user", "delete"), "delete", Shape.MUTATION, USER_ADMINS, (u, a) -> run(() -> u.users().withName("bob").delete())),
      row(action("user", "get"), "get", Shape.READ, USER_READERS, (u, a) -> u.users().withName("bob").require()),
      row(action("user", "list"), "list", Shape.FILTERED, USER_READERS, (u, a) -> u.users().list()),
      row(action("team", "create"), "create", Shape.MUTATION, TA, (u, a) -> u.teams().create(t -> t.name("new-team"))),
      row(action("team", "update"), "add a member", Shape.MUTATION, TA, (u, a) -> u.teams().withName("ops").addMember("bob")),
      row(action("team", "update"), "remove a member", Shape.MUTATION, TA, (u, a) -> u.teams().withName("ops").removeMember("dave")),
      row(action("team", "update"), "update", Shape.MUTATION, TA,
          (u, a) -> u.teams().withName("ops").update(t -> t.description("on call"))),
      row(action("team", "delete"), "delete", Shape.MUTATION, TA, (u, a) -> run(() -> u.teams().withName("ops").delete())),
      row(action("team", "get"), "get", Shape.READ, TENANT_READERS, (u, a) -> u.teams().withName("ops").require()),
      row(action("team", "list"), "list", Shape.FILTERED, TENANT_READERS, (u, a) -> u.teams().list()),
      row(action("role", "create"), "create", Shape.MUTATION, TA, (u, a) -> u.roles().create(r -> r.name("Cluster Reader")
          .scope(RoleScope.PROJECT).addPermissions("cluster.get", "cluster.list"))),
      row(action("role", "update"), "update", Shape.MUTATION, TA,
          (u, a) -> u.roles().withName("Auditor").update(r -> r.addPermission("cost.get"))),
      row(action("role", "delete"), "delete", Shape.MUTATION, TA, (u, a) -> run(() -> u.roles().withName("Auditor").delete())),
      row(action("role", "get"), "get", Shape.READ, TENANT_READERS, (u, a) -> u.roles().withName("Auditor").require()),
      row(action("role", "list"), "list", Shape.FILTERED, TENANT_READERS, (u, a) -> u.roles().list()),
      row(action("roleBinding", "create"), "create in the tenant", Shape.MUTATION, TA,
          (u, a) -> u.roleBindings().bindUser("bob", "Tenant Viewer", "")),
      row(action("roleBinding", "create"), "create in a project", Shape.MUTATION, TA_PA,
          (u, a) -> u.roleBindings().bindUser("bob", "Cluster Viewer", A)),
      row(action("roleBinding", "delete"), "delete", Shape.MUTATION, TA_PA,
          (u, a) -> run(() -> u.roleBindings().unbindUser("dave", "Cluster Viewer", A))),
      row(action("roleBinding", "get"), "get", Shape.READ, TENANT_READERS,
          (u, a) -> u.roleBindings().binding(SubjectKind.USER, "dave", "Cluster Viewer", A).require()),
      row(action("roleBinding", "list"), "list", Shape.FILTERED, TENANT_READERS, (u, a) -> u.roleBindings().list()),
      row(action("workspace", "create"), "create", Shape.MUTATION, TA_PA,
          (u, a) -> u.workspaces().inProject(A).create(w -> w.name("ws2").addCluster("c1"))),
      row(action("workspace", "update"), "update", Shape.MUTATION, TA_PA,
          (u, a) -> u.workspaces().inProject(A).withName("ws").update(w -> w.addImageDenyList("docker.io/"))),
      row(action("workspace", "delete"), "delete", Shape.MUTATION, TA_PA, (u, a) -> run(() -> u.workspaces().inProject(A).withName("ws").delete())),
      row(action("workspace", "get"), "get", Shape.READ, PROJECT_READERS, (u, a) -> u.workspaces().inProject(A).withName("ws").require()),
      row(action("workspace", "list"), "list", Shape.FILTERED, PROJECT_READERS, (u, a) -> u.workspaces().inProject(A).list()),
      row(Action.AUDIT_LIST, "query", Shape.FILTERED, PROJECT_READERS,
          (u, a) -> u.audit().query(q -> q.addProject(A))),
      row(Action.AUDIT_LIST, "verify", Shape.READ, TENANT_READERS, (u, a) -> u.audit().verify()),
      row(Action.AUDIT_LIST, "export CSV", Shape.READ, TENANT_READERS,
          (u, a) -> run(() -> u.audit().exportCsv(AuditQuery.builder().build(), new StringWriter()))),
      row(Action.AUDIT_LIST, "export JSON lines", Shape.READ, TENANT_READERS,
          (u, a) -> run(() -> u.audit().exportJsonLines(AuditQuery.builder().build(), new StringWriter()))),
      row(Action.COST_GET, "rate card", Shape.READ, TENANT_READERS, (u, a) -> u.costs().rateCard()),
      row(Action.COST_GET, "report", Shape.FILTERED, PROJECT_READERS, (u, a) -> u.costs()
          .report(T0, T0.plus(Duration.ofDays(1)), CostGroup.PROJECT).lines().stream().map(CostLine::group).toList()),
      row(Action.RATE_CARD_UPDATE, "update", Shape.MUTATION, TA, (u, a) -> u.costs().updateRateCard(RateCard.builder().build())),
      row(Action.TENANT_LIMITS_UPDATE, "update", Shape.MUTATION, TA, (u, a) -> u.tenant().updateLimits(l -> l.projects(300))));

  private final List<Palette> opened = new ArrayList<>();

  @AfterEach
  void closeEngines() {
    opened.forEach(Palette::close);
  }

  @Test
  void everyActionHasARow() {
    Map<Action, List<Row>> byAction = new HashMap<>();
    ROWS.forEach(r -> byAction.computeIfAbsent(r.action(), k -> new ArrayList<>()).add(r));

    assertThat(byAction.keySet()).as("actions with a row in AuthorizationMatrixTest.ROWS")
        .isEqualTo(Set.copyOf(Action.all(BuiltInKinds.registry())));
  }

  @TestFactory
  Stream<DynamicContainer> everyOperationIsAllowedOrDeniedAsTheTableSays() {
    return Stream.of(Grant.values()).map(grant -> {
      Engine shared = new Engine(grant);
      // Reads and refusals first, on one engine; then each allowed change on a fresh one.
      List<DynamicTest> tests = new ArrayList<>();
      for (Row row : ROWS) {
        if (row.shape() != Shape.MUTATION || !row.allowed().contains(grant)) {
          tests.add(DynamicTest.dynamicTest(name(row, grant), () -> check(shared.get(), row, grant)));
        }
      }
      for (Row row : ROWS) {
        if (row.shape() == Shape.MUTATION && row.allowed().contains(grant)) {
          tests.add(DynamicTest.dynamicTest(name(row, grant), () -> check(new Engine(grant).get(), row, grant)));
        }
      }
      return DynamicContainer.dynamicContainer(grant.name(), tests);
    });
  }

  private static String name(Row row, Grant grant) {
    return row.action().permission() + " (" + row.operation() + ") as " + grant + ": "
        + (row.allowed().contains(grant) ? "allowed" : "denied");
  }

  private static void check(Palette palette, Row row, Grant grant) {
    ClusterMode admin = palette.clusterMode();
    ClusterMode u = palette.as(Principal.user("u")).clusterMode();
    String what = name(row, grant);
    List<AuditEvent> denialsBefore = denials(admin);
    boolean allowed = row.allowed().contains(grant);
    if (row.shape() == Shape.FILTERED) {
      Object result = row.call().run(u, admin);
      assertThat(result).as(what).isInstanceOf(Collection.class);
      if (allowed) {
        assertThat((Collection<?>) result).as(what + " shows the records").isNotEmpty();
      } else {
        assertThat((Collection<?>) result).as(what + " shows nothing").isEmpty();
      }
      assertThat(denials(admin)).as(what + " refuses nothing").isEqualTo(denialsBefore);
    } else if (allowed) {
      assertThatCode(() -> row.call().run(u, admin)).as(what).doesNotThrowAnyException();
      assertThat(denials(admin)).as(what + " refuses nothing").isEqualTo(denialsBefore);
    } else {
      assertThatThrownBy(() -> row.call().run(u, admin)).as(what).isInstanceOf(AccessDeniedException.class);
      List<AuditEvent> after = denials(admin);
      assertThat(after).as(what + " audits one denial").hasSize(denialsBefore.size() + 1);
      assertThat(after.get(after.size() - 1)).as(what).satisfies(e -> {
        assertThat(e.actor()).isEqualTo("u");
        assertThat(e.permission()).isEqualTo(row.action().permission());
      });
    }
  }

  private static List<AuditEvent> denials(ClusterMode admin) {
    return admin.audit().query(q -> q.addAction(AuditAction.DENY));
  }

  /**
   * The accounts u hears while the admin creates one. The admin watches too, subscribed after u:
   * events reach watchers in the order they subscribed, so once the admin has heard it, u has had
   * its chance.
   */
  @SuppressWarnings("try") // the subscriptions are held open for the body, then closed
  private static List<String> watchAccounts(ClusterMode u, ClusterMode admin) {
    List<String> heard = new CopyOnWriteArrayList<>();
    List<String> marker = new CopyOnWriteArrayList<>();
    String name = "watched-" + System.nanoTime();
    try (var mine = u.cloudAccounts().inProject(A).watch(e -> heard.add(e.record().name()));
        var theirs = admin.cloudAccounts().inProject(A).watch(e -> marker.add(e.record().name()))) {
      admin.cloudAccounts().inProject(A).create(c -> c.name(name).cloudType("sandbox"));
      Awaitility.await().atMost(WAIT).until(() -> marker.contains(name));
    }
    return List.copyOf(heard);
  }

  private static Object run(Runnable call) {
    call.run();
    return Optional.empty();
  }

  /** An engine set up by the tenant admin, made on first use and closed after the test. */
  private final class Engine {
    private final Grant grant;
    private Palette palette;

    Engine(Grant grant) {
      this.grant = grant;
    }

    Palette get() {
      if (palette == null) {
        palette = start(grant);
        opened.add(palette);
      }
      return palette;
    }
  }

  /** Everything each operation needs, made by the tenant admin; then u gets the grant under test. */
  private static Palette start(Grant grant) {
    ManualClock clock = new ManualClock(T0);
    Palette palette = Palette.builder().store(new MemoryStateStore()).clock(clock).discoverProviders(false)
        .provider(new SandboxProvider(SandboxSettings.instant(), clock)).build();
    ClusterMode admin = palette.clusterMode();
    admin.projects().create(p -> p.name(A));
    admin.projects().create(p -> p.name("beta"));
    admin.cloudAccounts().inProject(A).create(a -> a.name("sandbox").cloudType("sandbox"));
    admin.cloudAccounts().inProject(A).create(a -> a.name("spare").cloudType("sandbox"));
    admin.clusterProfiles().inProject(A).create(p -> p.name("base").cloudType("sandbox"));
    admin.clusters().inProject(A).create(Fixtures.cluster("c1")).await(WAIT);
    // The workspace names no cluster, so c1 can be deleted.
    admin.workspaces().inProject(A).create(w -> w.name("ws"));
    admin.users().create(u -> u.name("u"));
    admin.users().create(u -> u.name("bob"));
    admin.users().create(u -> u.name("dave"));
    admin.teams().create(t -> t.name("ops").addMember("dave"));
    admin.roles().create(r -> r.name("Auditor").scope(RoleScope.TENANT).addPermission("audit.list"));
    admin.roleBindings().bindUser("dave", "Cluster Viewer", A);
    if (grant.role != null) {
      admin.roleBindings().create(b -> b.subjectKind(SubjectKind.USER).subject("u").role(grant.role)
          .project(grant.project));
    }
    // An hour of the cluster running, for the cost report.
    clock.advance(Duration.ofHours(1));
    return palette;
  }
}
