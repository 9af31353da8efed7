package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.PaletteException;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.ClusterProfileSpec;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.LayerType;
import dev.palette.model.NamespaceAllocation;
import dev.palette.model.NodePoolSpec;
import dev.palette.model.PackLayer;
import dev.palette.model.ProfileRef;
import dev.palette.model.ProjectSpec;
import dev.palette.model.RateCard;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.TeamSpec;
import dev.palette.model.TenantLimits;
import dev.palette.model.UnitPrices;
import dev.palette.model.UserSpec;
import dev.palette.model.WorkspaceSpec;
import dev.palette.sandbox.SandboxCloud;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Generated bad specs through every create and update of the public API: each is refused with a
 * {@link PaletteException}, never another exception, and the store's revision does not move.
 * Every generated spec holds at least one fault (a missing field, a null, a bad name, label or
 * e-mail, a huge size or string, a control character) on top of otherwise valid values.
 */
class BadSpecPropertiesTest {
  private static final int TRIES = 200;
  private MemoryStateStore store;
  private SandboxCloud cloud;
  private Palette palette;
  private ClusterMode cm;

  @BeforeProperty
  void start() {
    store = new MemoryStateStore();
    cloud = new SandboxCloud(SandboxSettings.defaults());
    palette = Palette.builder().store(store).discoverProviders(false)
        .provider(new SandboxProvider(cloud, Clock.systemUTC())).build();
    cm = palette.clusterMode();
    Fixtures.projectWithAccount(cm);
    cm.users().create(u -> u.name("alice"));
    cm.teams().create(t -> t.name("team-a"));
  }

  @AfterProperty
  void stop() {
    palette.close();
    cloud.close();
  }

  // A running cluster takes seconds to provision, so only the properties that need one make it.
  private void runningCluster() {
    if (cm.clusters().inProject(PROJECT).withName("gpu-1").get().isEmpty()) {
      cm.clusters().inProject(PROJECT).create(Fixtures.cluster("gpu-1")).await(Duration.ofSeconds(30));
    }
  }

  /** Runs the call and checks that it was refused with a PaletteException and wrote nothing. */
  private void refused(Runnable call) {
    // Once the audit events of what came before are stored, nothing else writes.
    cm.audit().query(dev.palette.model.AuditQuery.builder().build());
    long revision = store.revision();
    Throwable thrown = null;
    try {
      call.run();
    } catch (Throwable t) {
      thrown = t;
    }
    assertThat(thrown).as("a bad spec is refused").isNotNull();
    assertThat(thrown).as("only a PaletteException comes out, not %s", stackTrace(thrown))
        .isInstanceOf(PaletteException.class);
    assertThat(store.revision()).as("the store is unchanged after %s", thrown).isEqualTo(revision);
  }

  private static String stackTrace(Throwable thrown) {
    java.io.StringWriter out = new java.io.StringWriter();
    thrown.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  // ---- properties, one per create or update ----

  @Property(tries = TRIES)
  void projectCreates(@ForAll("projects") Consumer<ProjectSpec.Builder> spec) {
    refused(() -> cm.projects().create(spec));
  }

  @Property(tries = TRIES)
  void cloudAccountCreates(@ForAll("accounts") Consumer<CloudAccountSpec.Builder> spec) {
    refused(() -> cm.cloudAccounts().inProject(PROJECT).create(spec));
  }

  @Property(tries = TRIES)
  void clusterProfileCreates(@ForAll("profiles") Consumer<ClusterProfileSpec.Builder> spec) {
    refused(() -> cm.clusterProfiles().inTenant().create(spec));
  }

  @Property(tries = TRIES)
  void hostClusterCreates(@ForAll("clusters") Consumer<HostClusterSpec.Builder> spec) {
    refused(() -> cm.clusters().inProject(PROJECT).create(spec));
  }

  @Property(tries = TRIES)
  void hostClusterUpdates(@ForAll("clusterChanges") Consumer<HostClusterSpec.Builder> changes) {
    runningCluster();
    refused(() -> cm.clusters().inProject(PROJECT).withName("gpu-1").update(changes));
  }

  @Property(tries = TRIES)
  void nodePoolScales(@ForAll("poolNames") String pool, @ForAll("sizes") int size) {
    runningCluster();
    refused(() -> cm.clusters().inProject(PROJECT).withName("gpu-1").scaleNodePool(pool, size));
  }

  @Property(tries = TRIES)
  void userCreates(@ForAll("users") Consumer<UserSpec.Builder> spec) {
    refused(() -> cm.users().create(spec));
  }

  @Property(tries = TRIES)
  void teamCreatesAndMemberAdds(@ForAll("teams") Consumer<TeamSpec.Builder> spec, @ForAll("badUserNames") String user) {
    refused(() -> cm.teams().create(spec));
    refused(() -> cm.teams().withName("team-a").addMember(user));
  }

  @Property(tries = TRIES)
  void roleCreates(@ForAll("roles") Consumer<RoleSpec.Builder> spec) {
    refused(() -> cm.roles().create(spec));
  }

  @Property(tries = TRIES)
  void roleBindingCreates(@ForAll("bindings") Consumer<RoleBindingSpec.Builder> spec) {
    refused(() -> cm.roleBindings().create(spec));
  }

  @Property(tries = TRIES)
  void workspaceCreates(@ForAll("workspaces") Consumer<WorkspaceSpec.Builder> spec) {
    runningCluster();
    refused(() -> cm.workspaces().inProject(PROJECT).create(spec));
  }

  @Property(tries = TRIES)
  void tenantLimitUpdates(@ForAll("limits") Consumer<TenantLimits.Builder> changes) {
    refused(() -> cm.tenant().updateLimits(changes));
  }

  @Property(tries = TRIES)
  void rateCardUpdates(@ForAll("rateCards") RateCard overrides) {
    refused(() -> cm.costs().updateRateCard(overrides));
  }

  // ---- bad values ----

  /** Strings no Kubernetes-style name accepts. */
  static Arbitrary<String> badNames() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(129).ofMaxLength(5_000),
        Arbitraries.strings().ofMaxLength(20).map(s -> s + "/"),
        Arbitraries.strings().ofMaxLength(20).map(s -> "A" + s + "_"),
        Arbitraries.strings().ofMaxLength(10).map(s -> s + "\n"),
        Arbitraries.strings().ofMaxLength(10).map(s -> "x\u0000" + s),
        Arbitraries.of("-x", "x-", "a b", "ünï", "../etc"));
  }

  @Provide
  Arbitrary<String> badUserNames() {
    return badNames();
  }

  static Arbitrary<String> longStrings() {
    return Arbitraries.strings().ofMinLength(5_000).ofMaxLength(20_000);
  }

  static Arbitrary<Map<String, String>> badLabels() {
    Arbitrary<String> badKeys = Arbitraries.oneOf(Arbitraries.of("", "two\nlines", "-a", "a/", "/b", "UP/x", "a b"),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(64).ofMaxLength(1_000));
    Arbitrary<String> badValues = Arbitraries.oneOf(Arbitraries.of("a b", "\n", "-x", "x/y"),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(64).ofMaxLength(10_000));
    return Arbitraries.oneOf(
        badKeys.map(k -> Map.of(k, "v")),
        badValues.map(v -> Map.of("team", v)),
        Arbitraries.integers().between(65, 200).map(n -> {
          Map<String, String> many = new java.util.HashMap<>();
          for (int i = 0; i < n; i++) {
            many.put("k" + i, "v");
          }
          return many;
        }));
  }

  /** A field of a spec: either valid or one of its faults. */
  record Field<B>(boolean bad, Consumer<B> apply) {}

  static <B> Arbitrary<Field<B>> field(Consumer<B> valid, Arbitrary<Consumer<B>> faults) {
    return Arbitraries.oneOf(Arbitraries.just(new Field<>(false, valid)), faults.map(f -> new Field<>(true, f)));
  }

  static <B> Arbitrary<Consumer<B>> faults(List<Consumer<B>> fixed) {
    return Arbitraries.of(fixed);
  }

  /** Specs whose fields are each valid or faulty, with at least one fault. */
  @SafeVarargs
  static <B> Arbitrary<Consumer<B>> spec(Arbitrary<Field<B>>... fields) {
    List<Arbitrary<Field<B>>> all = new ArrayList<>();
    for (Arbitrary<Field<B>> field : fields) {
      all.add(field);
    }
    return Combinators.combine(all).as(List::copyOf)
        .filter(list -> list.stream().anyMatch(Field::bad))
        .map(list -> (Consumer<B>) b -> list.forEach(f -> f.apply().accept(b)));
  }

  /** The name field: valid, missing, null or bad. */
  static <B> Arbitrary<Field<B>> name(java.util.function.BiConsumer<B, String> set, String valid) {
    return field(b -> set.accept(b, valid), Arbitraries.oneOf(
        Arbitraries.just(b -> { }),
        Arbitraries.just(b -> set.accept(b, null)),
        badNames().map(n -> b -> set.accept(b, n))));
  }

  /** Cloud tags: bad keys as for labels; values too long or on more than one line. */
  static <B> Arbitrary<Field<B>> tags(java.util.function.BiConsumer<B, Map<String, String>> set) {
    Arbitrary<Map<String, String>> bad = Arbitraries.oneOf(
        Arbitraries.of("", "two\nlines", "-a", "a/", "UP/x", "a b").map(k -> Map.of(k, "v")),
        Arbitraries.strings().ofMinLength(257).ofMaxLength(5_000).map(v -> Map.of("owner", v)),
        Arbitraries.strings().ofMaxLength(10).map(v -> Map.of("owner", v + "\n")));
    return field(b -> { }, bad.map(t -> b -> set.accept(b, t)));
  }

  static <B> Arbitrary<Field<B>> labels(java.util.function.BiConsumer<B, Map<String, String>> set) {
    return field(b -> { }, Arbitraries.oneOf(
        badLabels().map(l -> b -> set.accept(b, l)),
        Arbitraries.just(b -> set.accept(b, null))));
  }

  static <B> Arbitrary<Field<B>> text(java.util.function.BiConsumer<B, String> set) {
    return field(b -> { }, Arbitraries.oneOf(
        longStrings().map(s -> b -> set.accept(b, s)),
        Arbitraries.just(b -> set.accept(b, null)),
        Arbitraries.just(b -> set.accept(b, "nul\u0000"))));
  }

  // ---- specs per kind ----

  @Provide
  Arbitrary<Consumer<ProjectSpec.Builder>> projects() {
    return spec(
        name(ProjectSpec.Builder::name, "new-project"),
        labels(ProjectSpec.Builder::labels),
        text(ProjectSpec.Builder::description));
  }

  @Provide
  Arbitrary<Consumer<CloudAccountSpec.Builder>> accounts() {
    return spec(
        name(CloudAccountSpec.Builder::name, "new-account"),
        field(b -> b.cloudType("sandbox"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }),
            Arbitraries.just(b -> b.cloudType(null)),
            badNames().map(n -> b -> b.cloudType(n)))),
        labels(CloudAccountSpec.Builder::labels),
        field(b -> { }, Arbitraries.oneOf(
            Arbitraries.of("", "a\nb").map(k -> b -> b.putSetting(k, "v")),
            longStrings().map(v -> b -> b.putSetting("region", v.repeat(4))),
            Arbitraries.just(b -> b.putCredential("key", null)))));
  }

  @Provide
  Arbitrary<Consumer<ClusterProfileSpec.Builder>> profiles() {
    return spec(
        name(ClusterProfileSpec.Builder::name, "new-profile"),
        field(b -> b.cloudType("sandbox"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }),
            badNames().map(n -> b -> b.cloudType(n)))),
        field(b -> { }, Arbitraries.oneOf(
            badNames().map(v -> b -> b.version(v)),
            Arbitraries.just(b -> b.addLayer(PackLayer.builder().layer(LayerType.OS).name("").version("").build())),
            Arbitraries.just(b -> b.layers(Arrays.asList((PackLayer) null))),
            Arbitraries.just(b -> b.addLayer(PackLayer.builder().name("os").build())))),
        labels(ClusterProfileSpec.Builder::labels),
        text(ClusterProfileSpec.Builder::description));
  }

  static Arbitrary<Field<HostClusterSpec.Builder>> pools() {
    NodePoolSpec cp = Fixtures.cluster("x").nodePools().get(0);
    NodePoolSpec worker = Fixtures.cluster("x").nodePools().get(1);
    return field(b -> b.nodePools(List.of(cp, worker)), Arbitraries.oneOf(
        Arbitraries.just(b -> b.nodePools(List.of())),
        Arbitraries.just(b -> b.nodePools(Arrays.asList(cp, null))),
        hugeSizes().map(n -> b -> b.nodePools(List.of(cp, worker.withSize(n)))),
        badNames().map(n -> b -> b.nodePools(List.of(cp, worker.withName(n)))),
        badLabels().map(l -> b -> b.nodePools(List.of(cp, worker.withLabels(l)))),
        Arbitraries.integers().between(Integer.MIN_VALUE, 19).map(d -> b -> b.nodePools(List.of(cp, worker.withDiskGiB(d)))),
        Arbitraries.just(b -> b.addNodePool(NodePoolSpec.builder().name("no-size").instanceType("sandbox.large").build())),
        Arbitraries.integers().between(33, 100).map(n -> b -> {
          List<NodePoolSpec> many = new ArrayList<>(List.of(cp));
          for (int i = 0; i < n; i++) {
            many.add(worker.withName("w" + i).withSize(1));
          }
          b.nodePools(many);
        }),
        Arbitraries.integers().between(6, 30).map(n -> b -> {
          List<NodePoolSpec> many = new ArrayList<>(List.of(cp));
          for (int i = 0; i < n; i++) {
            many.add(worker.withName("w" + i).withSize(1_000));
          }
          b.nodePools(many);
        })));
  }

  static Arbitrary<Integer> hugeSizes() {
    return Arbitraries.oneOf(Arbitraries.integers().between(1_001, Integer.MAX_VALUE),
        Arbitraries.integers().between(Integer.MIN_VALUE, -1), Arbitraries.of(Integer.MAX_VALUE, 100_000));
  }

  @Provide
  Arbitrary<Consumer<HostClusterSpec.Builder>> clusters() {
    return spec(
        name(HostClusterSpec.Builder::name, "new-cluster"),
        field(b -> b.cloudType("sandbox"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }), badNames().map(n -> b -> b.cloudType(n)))),
        field(b -> b.cloudAccount("sandbox"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }), Arbitraries.just(b -> b.cloudAccount(null)),
            badNames().map(n -> b -> b.cloudAccount(n)))),
        pools(),
        labels(HostClusterSpec.Builder::labels),
        tags(HostClusterSpec.Builder::tags),
        field(b -> { }, Arbitraries.oneOf(
            badNames().map(n -> b -> b.addProfile(ProfileRef.of(n, "1.0.0"))),
            Arbitraries.just(b -> b.profiles(Arrays.asList((ProfileRef) null))))));
  }

  @Provide
  Arbitrary<Consumer<HostClusterSpec.Builder>> clusterChanges() {
    return spec(
        field(b -> { }, Arbitraries.oneOf(
            Arbitraries.just(b -> b.name(null)),
            Arbitraries.just(b -> b.name("renamed")),
            badNames().map(n -> b -> b.name(n)))),
        pools(),
        labels(HostClusterSpec.Builder::labels),
        tags(HostClusterSpec.Builder::tags));
  }

  @Provide
  Arbitrary<String> poolNames() {
    return badNames();
  }

  @Provide
  Arbitrary<Integer> sizes() {
    return hugeSizes();
  }

  @Provide
  Arbitrary<Consumer<UserSpec.Builder>> users() {
    // User names may end in '-' or hold '.', '_' and '@', unlike record names.
    Arbitrary<String> badUserNames = badNames().filter(n -> !n.matches("[a-z0-9][a-z0-9._@-]{0,127}"));
    return spec(
        field(b -> b.name("bob"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }),
            Arbitraries.just(b -> b.name(null)),
            badUserNames.map(n -> b -> b.name(n)))),
        text(UserSpec.Builder::displayName),
        field(b -> { }, Arbitraries.oneOf(
            Arbitraries.of("not an email\n", "a@b", "@x.io", "a b@c.io", "x@y.io\u0000").map(e -> b -> b.email(e)),
            longStrings().map(s -> b -> b.email(s + "@example.com")),
            Arbitraries.just(b -> b.email(null)))));
  }

  @Provide
  Arbitrary<Consumer<TeamSpec.Builder>> teams() {
    return spec(
        name(TeamSpec.Builder::name, "team-b"),
        text(TeamSpec.Builder::description),
        field(b -> { }, Arbitraries.oneOf(
            badNames().map(n -> b -> b.addMember(n)),
            Arbitraries.just(b -> b.members(Arrays.asList("alice", null))),
            Arbitraries.just(b -> b.addMember("nobody")))));
  }

  @Provide
  Arbitrary<Consumer<RoleSpec.Builder>> roles() {
    return spec(
        field(b -> b.name("Billing Reader"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }),
            Arbitraries.just(b -> b.name(null)),
            Arbitraries.of("cluster viewer", "TENANT  ADMIN", "a/b", "x\ny", "nul\u0000", "", " x").map(n -> b -> b.name(n)),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(64).ofMaxLength(5_000).map(n -> b -> b.name(n)))),
        field(b -> b.scope(RoleScope.TENANT), Arbitraries.just(b -> { })),
        field(b -> b.addPermission("cluster.get"), Arbitraries.oneOf(
            Arbitraries.just(b -> b.permissions(java.util.Set.of())),
            badNames().map(p -> b -> b.addPermission(p)),
            Arbitraries.just(b -> b.permissions(Arrays.asList("cluster.get", null))))),
        text(RoleSpec.Builder::description));
  }

  @Provide
  Arbitrary<Consumer<RoleBindingSpec.Builder>> bindings() {
    return spec(
        field(b -> b.subjectKind(SubjectKind.USER), Arbitraries.oneOf(
            Arbitraries.just(b -> { }), Arbitraries.just(b -> b.subjectKind(null)))),
        field(b -> b.subject("alice"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }), badNames().map(s -> b -> b.subject(s)))),
        field(b -> b.role("Cluster Viewer"), Arbitraries.oneOf(
            Arbitraries.just(b -> { }), badNames().map(r -> b -> b.role(r)), Arbitraries.just(b -> b.role("Tenant Admin")))),
        field(b -> b.project(PROJECT), Arbitraries.oneOf(
            Arbitraries.just(b -> b.project(null)), badNames().filter(p -> !p.isEmpty()).map(p -> b -> b.project(p)))));
  }

  @Provide
  Arbitrary<Consumer<WorkspaceSpec.Builder>> workspaces() {
    return spec(
        name(WorkspaceSpec.Builder::name, "ws"),
        field(b -> b.addCluster("gpu-1"), Arbitraries.oneOf(
            badNames().map(c -> b -> b.addCluster(c)),
            Arbitraries.just(b -> b.clusters(Arrays.asList("gpu-1", null))),
            Arbitraries.just(b -> b.clusters(List.of("gpu-1", "gpu-1"))))),
        field(b -> { }, Arbitraries.oneOf(
            badNames().map(n -> b -> b.addNamespace(NamespaceAllocation.builder().namespace(n).build())),
            Arbitraries.integers().lessOrEqual(-1).map(c -> b -> b.addNamespace(
                NamespaceAllocation.builder().namespace("a").cpuMillicores(c).build())),
            Arbitraries.just(b -> b.addNamespace(NamespaceAllocation.builder().namespace("a").cpuMillicores(10).build())
                .quota(NamespaceAllocation.builder().namespace("*").cpuMillicores(1).build())),
            Arbitraries.just(b -> b.addNamespace(NamespaceAllocation.builder().build())))),
        field(b -> { }, Arbitraries.oneOf(
            Arbitraries.of("", " ", "a\nb").map(i -> b -> b.addImageDenyList(i)),
            longStrings().map(i -> b -> b.addImageDenyList(i)))));
  }

  @Provide
  Arbitrary<Consumer<TenantLimits.Builder>> limits() {
    return spec(
        field(b -> { }, Arbitraries.integers().lessOrEqual(-1).map(n -> b -> b.projects(n))),
        field(b -> { }, Arbitraries.integers().lessOrEqual(-1).map(n -> b -> b.clusters(n))),
        field(b -> { }, Arbitraries.integers().lessOrEqual(-1).map(n -> b -> b.roleBindings(n))));
  }

  @Provide
  Arbitrary<RateCard> rateCards() {
    Arbitrary<BigDecimal> negative = Arbitraries.bigDecimals().lessOrEqual(new BigDecimal("-0.0001")).ofScale(4);
    return Arbitraries.oneOf(
        negative.map(p -> RateCard.builder().putInstanceHourly("sandbox", Map.of("sandbox.large", p)).build()),
        negative.map(p -> RateCard.builder().putUnitPrice("sandbox", UnitPrices.builder().cpuCoreHour(p).build()).build()));
  }
}
