package dev.palette.examples;

// tag::collections[]
import dev.palette.ClusterMode;
import dev.palette.Subscription;
import dev.palette.model.CloudAccount;
import dev.palette.model.HostCluster;
import java.util.List;
// end::collections[]

/** The README's collection-shape snippet; {@link ReadmeTest} runs it and checks the README shows it. */
final class ReadmeCollections {
  private ReadmeCollections() {}

  /** Runs on a Cluster Mode that holds project ml-modeling, its account sandbox and team ml-team. */
  static List<HostCluster> run(ClusterMode cm, String rotatedToken) {
    // tag::collections[]
    cm.cloudAccounts().inTenant().create(a -> a.name("shared").cloudType("sandbox"));
    List<CloudAccount> accounts = cm.cloudAccounts().inAnyScope().list();   // every project and the tenant
    List<HostCluster> gpus = cm.clusters().inAnyScope().withLabel("gpu", "a100").list();
    Subscription vision = cm.clusters().inProject("ml-modeling").withLabel("team", "vision")
        .watch(e -> System.out.println(e.type() + " " + e.record().name()));

    cm.cloudAccounts().inProject("ml-modeling").withName("sandbox")
        .update(a -> a.putCredential("token", rotatedToken));                // credential rotation
    cm.teams().withName("ml-team").update(t -> t.description("Model training"));
    cm.projects().withName("ml-modeling").update(p -> p.putLabel("cost-center", "42"));
    vision.close();
    // end::collections[]
    System.out.println(accounts.size() + " accounts");
    return gpus;
  }
}
