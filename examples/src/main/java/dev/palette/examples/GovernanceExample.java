package dev.palette.examples;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.ManualClock;
import dev.palette.Principal;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.PaletteException;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.CostGroup;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * Tenancy and governance: two projects and two teams; a member of one team cannot see or change
 * the other project's clusters; the audit log records the denied attempt; and a cost report over
 * a simulated week.
 *
 * <p>Host clusters run on the sandbox provider, a simulation. The clock is simulated too, so that
 * a week of node hours accrues in a moment.
 */
public final class GovernanceExample {
  private static final Duration WAIT = Duration.ofMinutes(1);

  public static void main(String[] args) {
    try {
      run();
    } catch (PaletteException e) {
      System.err.println("governance example failed: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run() {
    Instant monday = Instant.parse("2026-11-02T00:00:00Z");
    ManualClock clock = new ManualClock(monday);
    try (Palette palette = Palette.builder().clock(clock).discoverProviders(false)
        .provider(new SandboxProvider(SandboxSettings.instant(), clock)).build()) {
      ClusterMode admin = palette.clusterMode();

      // The tenant admin sets up two projects, one team each, and their roles.
      for (String project : new String[] {"ml-modeling", "web-shop"}) {
        admin.projects().create(p -> p.name(project));
        admin.cloudAccounts().inProject(project).create(a -> a.name("sandbox").cloudType("sandbox"));
      }
      admin.users().create(u -> u.name("alice").displayName("Alice (ML)"));
      admin.users().create(u -> u.name("bob").displayName("Bob (web)"));
      admin.teams().create(t -> t.name("ml-team").addMember("alice"));
      admin.teams().create(t -> t.name("web-team").addMember("bob"));
      admin.roleBindings().bindTeam("ml-team", "Cluster Admin", "ml-modeling");
      admin.roleBindings().bindTeam("ml-team", "Project Viewer", "ml-modeling");
      admin.roleBindings().bindTeam("web-team", "Cluster Admin", "web-shop");
      admin.roleBindings().bindTeam("web-team", "Project Viewer", "web-shop");
      System.out.println("Projects ml-modeling and web-shop; team ml-team (alice) and team web-team (bob).");

      // Each team provisions its own cluster.
      ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
      ClusterMode bob = palette.as(Principal.user("bob")).clusterMode();
      alice.clusters().inProject("ml-modeling").create(c -> c
          .name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
          .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.small"))
          .nodePool(p -> p.name("worker").size(2).instanceType("sandbox.gpu"))).await(WAIT);
      bob.clusters().inProject("web-shop").create(c -> c
          .name("web-1").cloudType("sandbox").cloudAccount("sandbox")
          .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.small"))
          .nodePool(p -> p.name("worker").size(3).instanceType("sandbox.medium"))).await(WAIT);
      System.out.println("alice runs ml-modeling/gpu-1; bob runs web-shop/web-1.");

      // Bob cannot see or change the other project's clusters.
      System.out.println("bob lists ml-modeling clusters: " + bob.clusters().inProject("ml-modeling").list());
      System.out.println("bob lists every cluster he may see: "
          + bob.clusters().inAnyScope().list().stream().map(c -> c.metadata().project() + "/" + c.name()).toList());
      try {
        bob.clusters().inProject("ml-modeling").withName("gpu-1").scaleNodePool("worker", 0);
      } catch (AccessDeniedException e) {
        System.out.println("bob scales ml-modeling/gpu-1: DENIED — " + e.getMessage());
      }

      // A week passes; alice adds two GPU workers on Thursday.
      clock.advance(Duration.ofDays(3));
      alice.clusters().inProject("ml-modeling").withName("gpu-1").scaleNodePool("worker", 4).await(WAIT);
      clock.advance(Duration.ofDays(4));

      System.out.println();
      System.out.println("Audit log, denials:");
      for (AuditEvent e : admin.audit().query(q -> q.addAction(AuditAction.DENY))) {
        System.out.printf("  #%d %s %s %s %s/%s: %s%n", e.sequence(), e.time(), e.actor(), e.permission(),
            e.project(), e.resourceName(), e.outcome());
      }
      System.out.println("Audit chain intact: " + admin.audit().verify().intact()
          + " (" + admin.audit().verify().events() + " events)");

      Instant sunday = clock.instant();
      System.out.println();
      System.out.println("Cost of the simulated week " + monday + " to " + sunday + ", by project:");
      System.out.print(admin.costs().report(monday, sunday, CostGroup.PROJECT).toTable());
      System.out.println();
      System.out.println("by cluster:");
      System.out.print(admin.costs().report(monday, sunday, CostGroup.CLUSTER).toTable());
      System.out.println();
      System.out.println("as bob sees it:");
      System.out.print(bob.costs().report(monday, sunday, CostGroup.PROJECT).toTable());
    }
  }
}
