package dev.palette.examples;

// tag::governance[]
import dev.palette.ClusterMode;
import dev.palette.Principal;
import dev.palette.error.AccessDeniedException;
import dev.palette.model.AuditAction;
import dev.palette.model.CostGroup;
import dev.palette.model.RoleScope;
import java.time.Duration;
import java.time.Instant;
// end::governance[]
import dev.palette.Palette;

/** The README's tenancy snippet; {@link ReadmeTest} runs it and checks the README shows it. */
final class ReadmeGovernance {
  private ReadmeGovernance() {}

  /** Runs on a Palette that holds the projects ml-modeling and web-shop, and web-shop/web-1. */
  static void run(Palette palette) {
    // tag::governance[]
    ClusterMode admin = palette.clusterMode();
    admin.users().create(u -> u.name("alice"));
    admin.teams().create(t -> t.name("ml-team").addMember("alice"));
    admin.roleBindings().bindTeam("ml-team", "Cluster Admin", "ml-modeling");   // Palette's built-in roles
    admin.roles().create(r -> r.name("Cluster Scaler").scope(RoleScope.PROJECT)
        .addPermissions("cluster.get", "cluster.list", "cluster.update"));      // or your own

    ClusterMode alice = palette.as(Principal.user("alice")).clusterMode();
    alice.clusters().inProject("web-shop").list();        // [] — lists show only what alice may see
    try {
      alice.clusters().inProject("web-shop").withName("web-1").delete();
    } catch (AccessDeniedException e) {
      // user:alice lacks permission cluster.delete in project web-shop; ...
    }

    admin.audit().query(q -> q.addAction(AuditAction.DENY));   // every mutation and denial, hash-chained
    admin.audit().verify();                                      // reports the first tampered event
    Instant now = Instant.now();
    admin.costs().report(now.minus(Duration.ofDays(7)), now, CostGroup.PROJECT).toTable(); // CPU-core hours, $
    admin.tenant().updateLimits(l -> l.clusters(50));            // tenant limits on object counts
    admin.roleBindings().unbindTeam("ml-team", "Cluster Admin", "ml-modeling");  // by what it binds
    // end::governance[]
  }
}
