package dev.palette.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.palette.ClusterMode;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.frontdoor.Action;
import dev.palette.core.kind.KindRegistry;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.dsl.Resources;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.ConflictException;
import dev.palette.error.QuotaExceededException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.event.RecordEvent;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.RoleScope;
import dev.palette.spi.EngineConfig;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kind the engine was never written for ({@link Widget}, with only its model and its
 * descriptor {@link WidgetKind}) gets the whole generic surface: create, get, list, watch, update
 * and delete, authorization by its permission resource, audit events, its tenant limit, and its
 * owner rule when its project is deleted, including a create racing that delete.
 */
class GenericKindTest {
  private static final String LAB = "lab";

  private MemoryStateStore store;
  private PaletteEngine palette;
  private ClusterMode admin;
  private KindRegistry kinds;

  @BeforeEach
  void open() {
    store = new MemoryStateStore();
    kinds = BuiltInKinds.registry().register(WidgetKind.DESCRIPTOR);
    palette = new PaletteEngine(new EngineConfig(store, null, List.of(), true, Clock.systemUTC(), 2,
        Principal.TENANT_ADMIN, null, Duration.ofMinutes(10), dev.palette.spi.Leadership.always(), java.util.Map.of(),
        dev.palette.spi.HttpTransport.JDK), kinds);
    admin = palette.clusterMode();
    admin.projects().create(p -> p.name(LAB));
  }

  @AfterEach
  void close() {
    palette.close();
  }

  private static Resources<Widget, Widget.Spec, Widget.Builder> widgets(ClusterMode cm) {
    return cm.kind(WidgetKind.DESCRIPTOR).inProject(LAB);
  }

  @Test
  void aTestKindIsCreatedReadListedUpdatedAndDeletedFromItsDescriptorAlone() {
    Widget created = widgets(admin).create(w -> w.name("w1").color("red").size(2).label("tier", "gold"));
    assertThat(created.metadata().project()).isEqualTo(LAB);
    assertThat(created.metadata().createdBy()).isEqualTo("admin");

    assertThat(widgets(admin).withName("w1").require().spec().color()).isEqualTo("red");
    assertThat(widgets(admin).list()).extracting(Widget::name).containsExactly("w1");
    assertThat(widgets(admin).withLabel("tier", "gold").list()).extracting(Widget::name).containsExactly("w1");
    assertThat(admin.kind(WidgetKind.DESCRIPTOR).inAnyScope().list()).hasSize(1);

    Widget updated = widgets(admin).withName("w1").update(w -> w.size(5));
    assertThat(updated.spec().size()).isEqualTo(5);
    assertThat(updated.metadata().generation()).isEqualTo(2);
    assertThat(widgets(admin).withName("w1").require().spec().size()).isEqualTo(5);

    widgets(admin).withName("w1").delete();
    assertThat(widgets(admin).withName("w1").get()).isEmpty();
    assertThat(store.list(RecordQuery.all(Widget.KIND)).records()).isEmpty();
  }

  @Test
  void aTestKindIsWatchedLikeEveryKind() {
    List<RecordEvent<Widget>> events = new CopyOnWriteArrayList<>();
    Subscription s = widgets(admin).watch(events::add);
    try {
      widgets(admin).create(w -> w.name("w1").color("red"));
      widgets(admin).withName("w1").update(w -> w.color("blue"));
      widgets(admin).withName("w1").delete();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
          .extracting(RecordEvent::type)
          // The delete marks the record before removing it, so its dependents' creates back out.
          .startsWith(RecordEvent.Type.ADDED, RecordEvent.Type.MODIFIED).endsWith(RecordEvent.Type.DELETED));
    } finally {
      s.close();
    }
    assertThat(events.get(1).record().spec().color()).isEqualTo("blue");
  }

  @Test
  void aTestKindsSpecIsValidatedWithEveryViolationAndTheGenericNameAndScopeRules() {
    assertThatThrownBy(() -> widgets(admin).create(w -> w.name("Bad_Name").color("pink").size(-1)
        .label("bad key!", "x")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).contains("name", "labels", "color", "size"));
    assertThatThrownBy(() -> admin.kind(WidgetKind.DESCRIPTOR).inTenant())
        .isInstanceOf(ValidationException.class).hasMessageContaining("Widget lives in projects only");
    assertThatThrownBy(() -> admin.kind(WidgetKind.DESCRIPTOR).inProject("nowhere")
        .create(w -> w.name("w1").color("red")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("no project 'nowhere'");
    assertThatThrownBy(() -> widgets(admin).withName("w1").update(w -> w.name("w2")))
        .isInstanceOf(dev.palette.error.NotFoundException.class);
    widgets(admin).create(w -> w.name("w1").color("red"));
    assertThatThrownBy(() -> widgets(admin).withName("w1").update(w -> w.name("w2").size(-3)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field).containsExactlyInAnyOrder("name", "size"));
    assertThat(widgets(admin).withName("w1").require().metadata().generation()).isEqualTo(1);
    assertThatThrownBy(() -> widgets(admin).create(w -> w.name("w1").color("red")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aTestKindIsAuthorizedByItsPermissionResource() {
    assertThat(Action.all(kinds).stream().map(Action::permission).collect(Collectors.toSet()))
        .contains("widget.create", "widget.get", "widget.list", "widget.update", "widget.delete");
    admin.users().create(u -> u.name("bob"));
    ClusterMode bob = palette.as(Principal.user("bob")).clusterMode();
    widgets(admin).create(w -> w.name("w1").color("red"));

    assertThatThrownBy(() -> widgets(bob).create(w -> w.name("w2").color("red")))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("widget.create");
    assertThatThrownBy(() -> widgets(bob).withName("w1").require())
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("widget.get");
    assertThat(widgets(bob).list()).isEmpty();

    admin.roles().create(r -> r.name("Reader").scope(RoleScope.PROJECT).addPermission("*.get")
        .addPermission("*.list"));
    admin.roleBindings().bindUser("bob", "Reader", LAB);
    assertThat(widgets(bob).withName("w1").require().name()).isEqualTo("w1");
    assertThat(widgets(bob).list()).extracting(Widget::name).containsExactly("w1");
    assertThatThrownBy(() -> widgets(bob).withName("w1").delete())
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("widget.delete");
    assertThat(widgets(admin).list()).hasSize(1);
  }

  @Test
  void aTestKindsChangesAndDenialsAreAudited() {
    admin.users().create(u -> u.name("bob"));
    widgets(admin).create(w -> w.name("w1").color("red"));
    widgets(admin).withName("w1").update(w -> w.size(1));
    assertThatThrownBy(() -> widgets(palette.as(Principal.user("bob")).clusterMode()).withName("w1").delete())
        .isInstanceOf(AccessDeniedException.class);
    widgets(admin).withName("w1").delete();

    List<AuditEvent> events = admin.audit().query(q -> q.addKinds(Widget.KIND));
    assertThat(events).extracting(AuditEvent::action)
        .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DENY, AuditAction.DELETE);
    assertThat(events).extracting(AuditEvent::permission)
        .containsExactly("widget.create", "widget.update", "widget.delete", "widget.delete");
    assertThat(events).extracting(AuditEvent::message).first().isEqualTo("created widget w1");
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aTestKindKeepsItsTenantLimit() {
    for (int i = 0; i < WidgetKind.LIMIT; i++) {
      int n = i;
      widgets(admin).create(w -> w.name("w" + n).color("red"));
    }
    assertThatThrownBy(() -> widgets(admin).create(w -> w.name("one-more").color("red")))
        .isInstanceOf(QuotaExceededException.class)
        .hasMessageContaining("tenant limit reached: 3 of 3 widgets");
    widgets(admin).withName("w0").delete();
    widgets(admin).create(w -> w.name("one-more").color("red"));
    assertThat(widgets(admin).list()).hasSize(WidgetKind.LIMIT);
  }

  @Test
  void deletingAProjectCascadesToItsWidgetsButIsStillBlockedByWhatBlocksIt() {
    widgets(admin).create(w -> w.name("w1").color("red"));
    widgets(admin).create(w -> w.name("w2").color("blue"));
    admin.cloudAccounts().inProject(LAB).create(a -> a.name("sandbox").cloudType("sandbox"));

    assertThatThrownBy(() -> admin.projects().withName(LAB).delete())
        .isInstanceOf(ConflictException.class)
        .hasMessage("Project lab still holds 1 CloudAccount record(s): CloudAccount sandbox; delete them first");
    assertThat(widgets(admin).list()).hasSize(2);
    assertThat(admin.projects().withName(LAB).require().metadata().deletionRequested()).isFalse();

    admin.cloudAccounts().inProject(LAB).withName("sandbox").delete();
    admin.projects().withName(LAB).delete();
    assertThat(store.list(RecordQuery.all(Widget.KIND)).records()).isEmpty();
    assertThat(admin.projects().withName(LAB).get()).isEmpty();
    assertThat(admin.audit().query(q -> q.addAction(AuditAction.DELETE).addKinds("Project")))
        .extracting(AuditEvent::message).containsExactly("deleted project lab with [Widget lab/w1, Widget lab/w2]");
  }

  @Test
  void aWidgetCreatedWhileItsProjectIsDeletedNeverOutlivesIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 25; round++) {
        String project = "race-" + round;
        admin.projects().create(p -> p.name(project));
        List<Future<?>> creates = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          String name = "w" + t;
          creates.add(pool.submit(() -> {
            try {
              admin.kind(WidgetKind.DESCRIPTOR).inProject(project).create(w -> w.name(name).color("red"));
            } catch (RuntimeException refused) {
              // Refused because the project is gone or going: what the test allows.
            }
          }));
        }
        Future<?> delete = pool.submit(() -> deleteUntilGone(project));
        delete.get(30, TimeUnit.SECONDS);
        for (Future<?> create : creates) {
          create.get(30, TimeUnit.SECONDS);
        }
        assertThat(admin.projects().withName(project).get()).isEmpty();
        assertThat(orphans()).as("widgets whose project is gone, round " + round).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void deleteUntilGone(String project) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        admin.projects().withName(project).delete();
        return;
      } catch (ConflictException racedWithACreate) {
        // A create moved a record on meanwhile: try again.
      }
    }
  }

  private List<String> orphans() {
    Set<String> projects = store.list(RecordQuery.all("Project")).records().stream().map(StoredRecord::name)
        .collect(Collectors.toSet());
    return store.list(RecordQuery.all(Widget.KIND)).records().stream()
        .filter(w -> !projects.contains(w.project())).map(w -> w.project() + "/" + w.name()).toList();
  }
}
