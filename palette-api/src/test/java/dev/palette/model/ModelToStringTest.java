package dev.palette.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record prints as one short line that names it, and never with a secret in it. */
class ModelToStringTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

  private static Metadata metadata(String kind, String project, String name) {
    return Metadata.builder().kind(kind).id("0b5e7c1e-6f1a-4b7e-9a55-3c1d2e4f5a6b").name(name)
        .project(project).putLabel("team", "ml").generation(3).revision(17)
        .createdAt(NOW).updatedAt(NOW).createdBy("user:alice").build();
  }

  private static NodePoolSpec pool(String name, int size, boolean controlPlane, String type) {
    return NodePoolSpec.builder().name(name).size(size).controlPlane(controlPlane).instanceType(type)
        .putLabel("gpu", "a100").build();
  }

  private static HostClusterSpec clusterSpec() {
    return HostClusterSpec.builder().name("gpu-1").cloudType("aws").cloudAccount("aws-main")
        .addProfile(ProfileRef.of("ml-base", "1.0.0"))
        .addNodePool(pool("control-plane", 1, true, "m5.xlarge"))
        .addNodePool(pool("worker", 3, false, "p4d.24xlarge"))
        .putTag("cost-center", "research").putLabel("env", "prod").build();
  }

  private static HostClusterStatus runningStatus() {
    HostClusterStatus.Builder status = HostClusterStatus.builder().phase(ClusterPhase.RUNNING)
        .progress(100).message("all 4 nodes are ready").observedGeneration(3)
        .putObserved("clusterRef", "sandbox://gpu-1");
    for (int i = 0; i < 4; i++) {
      status.addNode(NodeInfo.builder().name("gpu-1-worker-" + i).pool("worker").instanceType("p4d.24xlarge")
          .state(NodeState.RUNNING).build());
    }
    return status.build();
  }

  static Stream<Resource<?>> everyKind() {
    return Stream.of(
        HostCluster.builder().metadata(metadata(HostCluster.KIND, "ml-modeling", "gpu-1"))
            .spec(clusterSpec()).status(runningStatus()).build(),
        Project.builder().metadata(metadata(Project.KIND, "", "ml-modeling"))
            .spec(ProjectSpec.builder().name("ml-modeling").description("x".repeat(500)).build()).build(),
        CloudAccount.builder().metadata(metadata(CloudAccount.KIND, "ml-modeling", "aws-main"))
            .spec(CloudAccountSpec.builder().name("aws-main").cloudType("aws")
                .putCredential("accessKey", "AKIAIOSFODNN7EXAMPLE").putCredential("secretKey", SECRET)
                .putSetting("region", "eu-west-1").build()).build(),
        ClusterProfile.builder().metadata(metadata(ClusterProfile.KIND, "ml-modeling", "ml-base:1.0.0"))
            .spec(ClusterProfileSpec.builder().name("ml-base").version("1.0.0").cloudType("aws")
                .description("y".repeat(500))
                .addLayer(PackLayer.builder().layer(LayerType.OS).name("ubuntu").version("22.04").build())
                .build()).build(),
        Role.builder().metadata(metadata(Role.KIND, "", "cluster-admin")).builtIn(true)
            .spec(RoleSpec.builder().name("Cluster Admin").scope(RoleScope.PROJECT)
                .addPermission("cluster.create").addPermission("cluster.delete").build()).build(),
        RoleBinding.builder().metadata(metadata(RoleBinding.KIND, "", "team.ml-team.cluster-admin.ml-modeling"))
            .spec(RoleBindingSpec.builder().subjectKind(SubjectKind.TEAM).subject("ml-team")
                .role("Cluster Admin").project("ml-modeling").build()).build(),
        Team.builder().metadata(metadata(Team.KIND, "", "ml-team"))
            .spec(TeamSpec.builder().name("ml-team").addMember("alice").addMember("carol").build()).build(),
        User.builder().metadata(metadata(User.KIND, "", "alice"))
            .spec(UserSpec.builder().name("alice").displayName("Alice (ML)").email("alice@example.com").build())
            .build(),
        Workspace.builder().metadata(metadata(Workspace.KIND, "ml-modeling", "research"))
            .spec(WorkspaceSpec.builder().name("research").addCluster("gpu-1")
                .addNamespace(NamespaceAllocation.builder().namespace("team-a").cpuMillicores(4000).build())
                .build()).build());
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void aRecordPrintsAsOneShortLineWithItsKindAndName(Resource<?> record) {
    String text = record.toString();
    // A binding's name is derived from what it binds, so it shows those instead.
    String identity = record instanceof RoleBinding b ? b.spec().subject() : record.name();

    assertThat(text).hasSizeLessThan(120).doesNotContain("\n").doesNotContain(SECRET)
        .startsWith(record.metadata().kind() + "[").endsWith("]").contains(identity);
    if (record instanceof HostCluster c) {
      assertThat(text).contains(c.phase().name());
    }
    if (!record.metadata().project().isEmpty()) {
      assertThat(text).contains(record.metadata().project() + "/" + record.name());
    }
  }

  @Test
  void everyKindOfTheModelIsCovered() {
    assertThat(everyKind().map(r -> r.metadata().kind()))
        .containsExactlyInAnyOrder(HostCluster.KIND, Project.KIND, CloudAccount.KIND, ClusterProfile.KIND,
            Role.KIND, RoleBinding.KIND, Team.KIND, User.KIND, Workspace.KIND);
  }

  @Test
  void aClusterShowsItsScopeNamePhaseAndGeneration() {
    HostCluster cluster = (HostCluster) everyKind().findFirst().orElseThrow();

    assertThat(cluster).hasToString("HostCluster[ml-modeling/gpu-1, RUNNING, gen 3]");
    assertThat(cluster.withMetadata(cluster.metadata().withDeletionRequested(true)))
        .hasToString("HostCluster[ml-modeling/gpu-1, RUNNING, gen 3, deleting]");
    assertThat(cluster.status())
        .hasToString("HostClusterStatus[RUNNING, 100%, 4 nodes, observed gen 3]");
  }

  @Test
  void eachKindNamesTheFieldsThatTellItsRecordsApart() {
    assertThat(everyKind().map(Object::toString)).containsExactly(
        "HostCluster[ml-modeling/gpu-1, RUNNING, gen 3]",
        "Project[ml-modeling]",
        "CloudAccount[ml-modeling/aws-main, aws]",
        "ClusterProfile[ml-modeling/ml-base:1.0.0, aws]",
        "Role[Cluster Admin, PROJECT, built-in]",
        "RoleBinding[team ml-team, Cluster Admin, in ml-modeling]",
        "Team[ml-team, 2 members]",
        "User[alice]",
        "Workspace[ml-modeling/research, 1 cluster]");
  }

  @Test
  void specsPrintTheirNameAndKeyFieldsAndOnlyTheNamesOfCredentials() {
    CloudAccount account = (CloudAccount) everyKind().skip(2).findFirst().orElseThrow();

    assertThat(List.<Object>of(clusterSpec(), pool("worker", 3, false, "p4d.24xlarge"), account.spec()))
        .extracting(Object::toString).containsExactly(
            "HostClusterSpec[gpu-1, aws, account aws-main, 2 pools, 4 nodes]",
            "NodePoolSpec[worker, 3 x p4d.24xlarge]",
            "CloudAccountSpec[aws-main, aws, credentials [accessKey, secretKey]]");
    assertThat(everyKind().map(r -> r.spec().toString()))
        .allSatisfy(s -> assertThat(s).hasSizeLessThan(120).doesNotContain(SECRET)
            .doesNotContain("AKIAIOSFODNN7EXAMPLE"));
  }
}
