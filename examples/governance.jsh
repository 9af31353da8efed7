// Palette for Java: tenancy and governance, for JShell. From the repository root, after `mvn -q package -DskipTests`:
//   jshell --class-path "examples/target/classes:$(cat examples/target/classpath.txt)" examples/governance.jsh
// (examples/target/classes holds the logging settings: warnings only; the README says how to see more.)
// Two teams in two projects; bob is refused alice's cluster; the audit log shows it; a week of cost.
// The sandbox provider and the clock are simulations, so a week of node hours passes at once.
import dev.palette.*;
import dev.palette.model.*;
import dev.palette.sandbox.*;
import java.time.*;

int governance() {
  Instant monday = Instant.parse("2026-11-02T00:00:00Z");
  ManualClock clock = new ManualClock(monday);
  try (Palette palette = Palette.builder().clock(clock).discoverProviders(false)
      .provider(new SandboxProvider(SandboxSettings.instant(), clock)).build()) {
    ClusterMode admin = palette.clusterMode();
    for (String project : new String[] {"ml-modeling", "web-shop"}) {
      admin.projects().create(p -> p.name(project));
      admin.cloudAccounts().inProject(project).create(a -> a.name("sandbox").cloudType("sandbox"));
    }
    admin.users().create(u -> u.name("alice"));
    admin.users().create(u -> u.name("bob"));
    admin.teams().create(t -> t.name("ml-team").addMember("alice"));
    admin.teams().create(t -> t.name("web-team").addMember("bob"));
    admin.roleBindings().bindTeam("ml-team", "Cluster Admin", "ml-modeling");
    admin.roleBindings().bindTeam("web-team", "Cluster Admin", "web-shop");
    admin.roleBindings().bindTeam("web-team", "Project Viewer", "web-shop");

    ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
    ClusterMode bob = palette.as(Principal.user("bob")).clusterMode();
    alice.clusters().inProject("ml-modeling").create(c -> c.name("gpu-1").cloudType("sandbox").cloudAccount("sandbox")
        .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.small"))
        .nodePool(p -> p.name("worker").size(2).instanceType("sandbox.gpu"))).await(Duration.ofMinutes(1));
    System.out.println("bob lists ml-modeling clusters: " + bob.clusters().inProject("ml-modeling").list());
    try {
      bob.clusters().inProject("ml-modeling").withName("gpu-1").delete();
    } catch (dev.palette.error.AccessDeniedException e) {
      System.out.println("DENIED: " + e.getMessage());
    }
    admin.audit().query(q -> q.addAction(AuditAction.DENY))
        .forEach(e -> System.out.println("audit: #" + e.sequence() + " " + e.actor() + " " + e.permission() + " " + e.outcome()));
    AuditVerification chain = admin.audit().verify();
    System.out.println("Audit chain intact: " + chain.intact() + " (" + chain.events() + " events)");
    if (!chain.intact()) {
      System.err.println("the audit chain is broken at event #" + chain.firstBroken() + ": " + chain.reason());
      return 1;
    }

    clock.advance(Duration.ofDays(7));
    System.out.print(admin.costs().report(monday, clock.instant(), CostGroup.PROJECT).toTable());
    return 0;
  } catch (RuntimeException e) {
    System.err.println("governance failed: " + e.getMessage());
    return 1;
  }
}

/exit governance()
// Reached only when the line above could not run (a snippet failed to compile): fail loudly.
/exit 1
