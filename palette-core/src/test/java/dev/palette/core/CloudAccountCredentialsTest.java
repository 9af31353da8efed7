package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.rbac.Permissions;
import dev.palette.core.rbac.StandardResources;
import dev.palette.core.record.Json;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.PaletteException;
import dev.palette.error.ValidationException;
import dev.palette.event.RecordEvent;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.Kubeconfig;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.sandbox.SandboxProvider;
import dev.palette.sandbox.SandboxSettings;
import dev.palette.spi.CloudProvider;
import dev.palette.spi.ClusterContext;
import dev.palette.spi.AccountCheck;
import dev.palette.spi.ClusterCredentials;
import dev.palette.spi.ProviderCapabilities;
import dev.palette.spi.StepOutcome;
import dev.palette.error.Violation;
import dev.palette.model.HostClusterSpec;
import dev.palette.model.InstanceType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cloud credentials are write-only: no principal reads them back, only the provider receives them. */
class CloudAccountCredentialsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
  private static final String ROTATED = "je7MtGbClwBF-2Zp9Utk-RotatedSecretValue";
  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

  @TempDir Path tmp;
  private final List<Palette> started = new ArrayList<>();
  private RecordingProvider provider;

  private Palette start(java.util.function.UnaryOperator<dev.palette.PaletteBuilder> configure) {
    provider = new RecordingProvider(new SandboxProvider(SandboxSettings.instant(), Clock.systemUTC()));
    Palette palette = configure.apply(Palette.builder().discoverProviders(false).provider(provider)).build();
    started.add(palette);
    return palette;
  }

  @AfterEach
  void stop() {
    started.forEach(Palette::close);
  }

  @Test
  void noBuiltInRoleReadsACredentialThroughGetListWatchEventsOrTheAuditLog() throws Exception {
    Palette palette = start(b -> b.memoryStore());
    ClusterMode admin = palette.clusterMode();
    admin.projects().create(p -> p.name(PROJECT));
    CloudAccount created = admin.cloudAccounts().inProject(PROJECT).create(a -> a.name("prod")
        .cloudType("sandbox").putCredential("accessKey", ACCESS_KEY).putCredential("secretKey", SECRET));
    admin.cloudAccounts().inTenant().create(a -> a.name("shared").cloudType("sandbox")
        .putCredential("secretKey", SECRET));

    // One user per built-in role, bound where the role applies.
    Map<String, ClusterMode> sessions = new LinkedHashMap<>();
    sessions.put("the default principal", admin);
    for (RoleSpec role : new BuiltInRoles(new Permissions(StandardResources.all())).specs()) {
      String user = "u-" + BuiltInRoles.slug(role.name());
      admin.users().create(u -> u.name(user));
      admin.roleBindings().create(b -> b.subjectKind(SubjectKind.USER).subject(user).role(role.name())
          .project(role.scope() == RoleScope.PROJECT ? PROJECT : ""));
      sessions.put(role.name(), palette.as(Principal.user(user)).clusterMode());
    }

    // Readers watch before the credentials are rotated, so the rotation reaches them as an event.
    Map<String, List<Object>> seen = new LinkedHashMap<>();
    List<Subscription> subscriptions = new ArrayList<>();
    for (Map.Entry<String, ClusterMode> e : sessions.entrySet()) {
      ClusterMode cm = e.getValue();
      try {
        cm.cloudAccounts().inProject(PROJECT).withName("prod").get();
      } catch (AccessDeniedException denied) {
        continue; // This role may not read accounts at all.
      }
      List<Object> shown = new CopyOnWriteArrayList<>();
      seen.put(e.getKey(), shown);
      subscriptions.add(cm.cloudAccounts().inProject(PROJECT).watch(shown::add));
      subscriptions.add(cm.cloudAccounts().inProject(PROJECT).withName("prod").watch(shown::add));
    }
    assertThat(seen.keySet()).as("the roles that read cloud accounts").contains("the default principal",
        "Tenant Admin", "Tenant Viewer", "Project Admin", "Project Editor", "Project Viewer",
        "Cloud Account Admin", "Cloud Account Editor", "Cloud Account Viewer");

    CloudAccount rotated = admin.cloudAccounts().inProject(PROJECT).withName("prod")
        .update(a -> a.putCredential("secretKey", ROTATED));

    // The rotation is one event per watch, and the cloud account controller's re-check writes more.
    await().atMost(WAIT).until(() -> admin.cloudAccounts().inProject(PROJECT).withName("prod").require().isValid());
    for (Map.Entry<String, List<Object>> e : seen.entrySet()) {
      List<Object> shown = e.getValue();
      await().atMost(WAIT).untilAsserted(() -> assertThat(shown).as(e.getKey()).hasSizeGreaterThanOrEqualTo(2));
      ClusterMode cm = sessions.get(e.getKey());
      CloudAccount got = cm.cloudAccounts().inProject(PROJECT).withName("prod").require();
      assertThat(got.spec().credentials()).as(e.getKey())
          .containsOnly(Map.entry("accessKey", "****"), Map.entry("secretKey", "****"));
      shown.add(got);
      shown.addAll(cm.cloudAccounts().inProject(PROJECT).list());
      try {
        shown.addAll(cm.cloudAccounts().inTenant().list());
        shown.add(cm.cloudAccounts().inTenant().withName("shared").get());
      } catch (AccessDeniedException projectRoleOnly) {
        // A project role does not read tenant accounts.
      }
      try {
        shown.addAll(cm.audit().query(AuditQuery.builder().build()));
        StringWriter csv = new StringWriter();
        cm.audit().exportCsv(AuditQuery.builder().build(), csv);
        StringWriter json = new StringWriter();
        cm.audit().exportJsonLines(AuditQuery.builder().build(), json);
        assertThat(csv.toString()).contains("cloudAccount.update");
        shown.add(csv.toString());
        shown.add(json.toString());
      } catch (AccessDeniedException noAuditRead) {
        // This role reads accounts but not the audit log.
      }
      for (Object o : shown) {
        Object value = o instanceof RecordEvent<?> event ? event.record() : o;
        assertThat(o.toString()).as(e.getKey()).doesNotContain(SECRET).doesNotContain(ROTATED)
            .doesNotContain(ACCESS_KEY);
        assertThat(Json.mapper().writeValueAsString(value)).as(e.getKey()).doesNotContain(SECRET)
            .doesNotContain(ROTATED).doesNotContain(ACCESS_KEY);
      }
    }
    subscriptions.forEach(Subscription::close);
    for (CloudAccount returned : List.of(created, rotated)) {
      assertThat(returned.spec().credentials()).containsOnly(
          Map.entry("accessKey", "****"), Map.entry("secretKey", "****"));
    }

    // The provider alone receives the values: at create, then the rotated ones for a cluster.
    assertThat(provider.credentialsSeen).contains(Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET));
    admin.clusters().inProject(PROJECT).create(Fixtures.cluster("c1").withCloudAccount("prod")).await(WAIT);
    Kubeconfig kubeconfig = admin.clusters().inProject(PROJECT).withName("c1").kubeconfig();
    assertThat(kubeconfig.toString()).doesNotContain(ROTATED);
    assertThat(provider.credentialsSeen.get(provider.credentialsSeen.size() - 1))
        .isEqualTo(Map.of("accessKey", ACCESS_KEY, "secretKey", ROTATED));
  }

  @Test
  void rotationIsAnAuditedUpdateThatKeepsTheValuesLeftMasked() {
    Palette palette = start(b -> b.memoryStore());
    ClusterMode admin = palette.clusterMode();
    admin.projects().create(p -> p.name(PROJECT));
    admin.cloudAccounts().inProject(PROJECT).create(a -> a.name("prod").cloudType("sandbox")
        .putCredential("accessKey", ACCESS_KEY).putCredential("secretKey", SECRET));
    admin.users().create(u -> u.name("viewer"));
    admin.roleBindings().bindUser("viewer", "Cloud Account Viewer", PROJECT);
    var account = admin.cloudAccounts().inProject(PROJECT).withName("prod");

    CloudAccount rotated = account.update(a -> a.putCredential("secretKey", ROTATED).putLabel("team", "ml"));
    assertThat(rotated.metadata().generation()).isEqualTo(2);
    assertThat(rotated.metadata().labels()).containsEntry("team", "ml");
    List<AuditEvent> updates = admin.audit().query(q -> q.addAction(AuditAction.UPDATE));
    assertThat(updates).singleElement().satisfies(e -> {
      assertThat(e.message()).contains("credentials [secretKey] changed").doesNotContain(ROTATED)
          .doesNotContain(SECRET);
      assertThat(e.permission()).isEqualTo("cloudAccount.update");
    });
    admin.clusters().inProject(PROJECT).create(Fixtures.cluster("c1").withCloudAccount("prod")).await(WAIT);
    assertThat(provider.credentialsSeen.get(provider.credentialsSeen.size() - 1))
        .isEqualTo(Map.of("accessKey", ACCESS_KEY, "secretKey", ROTATED));

    // A credential removed from the map is dropped; nothing else changes.
    account.update(a -> a.credentials(Map.of("secretKey", "****")));
    admin.clusters().inProject(PROJECT).withName("c1").kubeconfig();
    assertThat(provider.credentialsSeen.get(provider.credentialsSeen.size() - 1))
        .isEqualTo(Map.of("secretKey", ROTATED));

    ClusterMode viewer = palette.as(Principal.user("viewer")).clusterMode();
    assertThatThrownBy(() -> viewer.cloudAccounts().inProject(PROJECT).withName("prod")
        .update(a -> a.putCredential("secretKey", "stolen")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> account.update(a -> a.cloudType("aws").putCredential("newKey", "****")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cloudType")
        .hasMessageContaining("credentials.newKey")
        .hasMessageNotContaining(ROTATED);
    assertThat(account.require().metadata().generation()).isEqualTo(3);
  }

  @Test
  void aDirectoryStoreWithoutAKeyRefusesAnAccountWithCredentialsAndSaysHowToSupplyOne() {
    Palette palette = start(b -> b.directoryStore(tmp.resolve("no-key")));
    ClusterMode admin = palette.clusterMode();
    admin.projects().create(p -> p.name(PROJECT));
    int auditEvents = admin.audit().query(AuditQuery.builder().build()).size();

    assertThatThrownBy(() -> admin.cloudAccounts().inProject(PROJECT).create(a -> a.name("prod")
        .cloudType("sandbox").putCredential("secretKey", SECRET)))
        .isInstanceOf(PaletteException.class)
        .hasMessageContaining("secretKeyFile")
        .hasMessageContaining("PALETTE_SECRET_KEY")
        .hasMessageNotContaining(SECRET);
    assertThat(admin.cloudAccounts().inProject(PROJECT).list()).isEmpty();
    assertThat(admin.audit().query(AuditQuery.builder().build())).hasSize(auditEvents);
    // An account without credentials needs no key.
    admin.cloudAccounts().inProject(PROJECT).create(a -> a.name("open").cloudType("sandbox"));
  }

  @Test
  void withAKeyFileTheCredentialsSurviveAReopenSealedAndReachTheProvider() throws Exception {
    Path dir = tmp.resolve("store");
    Path keyFile = tmp.resolve("palette.key");
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
    try (Palette first = start(b -> b.directoryStore(dir).secretKeyFile(keyFile))) {
      first.clusterMode().projects().create(p -> p.name(PROJECT));
      first.clusterMode().cloudAccounts().inProject(PROJECT).create(a -> a.name("prod")
          .cloudType("sandbox").putCredential("secretKey", SECRET));
      first.clusterMode().cloudAccounts().inProject(PROJECT).withName("prod")
          .update(a -> a.putCredential("secretKey", ROTATED));
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(content).as(f.getFileName().toString()).doesNotContain(SECRET).doesNotContain(ROTATED);
      }
    }

    Palette second = start(b -> b.directoryStore(dir).secretKey(key));
    ClusterMode cm = second.clusterMode();
    assertThat(cm.cloudAccounts().inProject(PROJECT).withName("prod").require().spec().credentials())
        .containsExactly(Map.entry("secretKey", "****"));
    cm.clusters().inProject(PROJECT).create(Fixtures.cluster("c1").withCloudAccount("prod")).await(WAIT);
    assertThat(provider.credentialsSeen).isNotEmpty()
        .allSatisfy(seen -> assertThat(seen).isEqualTo(Map.of("secretKey", ROTATED)));
  }

  /** The sandbox, noting the credentials of every account it is handed. */
  private static final class RecordingProvider implements CloudProvider {
    private final SandboxProvider sandbox;
    final List<Map<String, String>> credentialsSeen = new CopyOnWriteArrayList<>();

    RecordingProvider(SandboxProvider sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public String id() {
      return sandbox.id();
    }

    @Override
    public List<Violation> validateAccount(CloudAccountSpec account) {
      credentialsSeen.add(account.credentials());
      return sandbox.validateAccount(account);
    }

    @Override
    public ProviderCapabilities capabilities() {
      return sandbox.capabilities();
    }

    @Override
    public AccountCheck verifyAccount(CloudAccountSpec account) {
      credentialsSeen.add(account.credentials());
      return sandbox.verifyAccount(account);
    }

    @Override
    public List<Violation> validateCluster(HostClusterSpec spec, CloudAccountSpec account) {
      // Pure validation sees the account as the front door reads it, credentials masked.
      return sandbox.validateCluster(spec, account);
    }

    @Override
    public List<InstanceType> instanceTypes(CloudAccountSpec account, String region) {
      return sandbox.instanceTypes(account, region);
    }

    @Override
    public StepOutcome reconcile(ClusterContext cluster) {
      credentialsSeen.add(cluster.account().credentials());
      return sandbox.reconcile(cluster);
    }

    @Override
    public StepOutcome delete(ClusterContext cluster) {
      credentialsSeen.add(cluster.account().credentials());
      return sandbox.delete(cluster);
    }

    @Override
    public ClusterCredentials access(ClusterContext cluster) {
      credentialsSeen.add(cluster.account().credentials());
      return sandbox.access(cluster);
    }

    @Override
    public void close() {
      sandbox.close();
    }
  }
}
