package dev.palette.core;

import dev.palette.ClusterMode;
import dev.palette.model.HostClusterSpec;

/** The records most engine tests start from: a project, a sandbox account and a 1 + 3 cluster spec. */
final class Fixtures {
  static final String PROJECT = "ml-modeling";

  private Fixtures() {}

  /** Creates both, and waits until the cloud account controller found the account valid. */
  static void projectWithAccount(ClusterMode cm) {
    cm.projects().create(p -> p.name(PROJECT));
    cm.cloudAccounts().inProject(PROJECT).create(a -> a.name("sandbox").cloudType("sandbox"));
    awaitValid(cm, PROJECT, "sandbox");
  }

  /** Waits until the account's status, which its controller writes, says it is valid. */
  static void awaitValid(ClusterMode cm, String project, String account) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> cm.cloudAccounts().inProject(project).withName(account).require().isValid());
  }

  static HostClusterSpec cluster(String name) {
    return HostClusterSpec.builder()
        .name(name)
        .cloudType("sandbox")
        .cloudAccount("sandbox")
        .nodePool(p -> p.name("control-plane").size(1).controlPlane(true).instanceType("sandbox.medium"))
        .nodePool(p -> p.name("worker").size(3).instanceType("sandbox.large"))
        .build();
  }
}
