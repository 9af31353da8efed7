package dev.palette.core.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.ManualClock;
import dev.palette.core.record.Json;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.spi.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ControllerManagerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(500);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final MemoryStateStore store = new MemoryStateStore();
  private final Records records = new Records(store, new RecordCodec());
  private final ManualClock clock = new ManualClock(T0);
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private ControllerManager manager;

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
    store.close();
  }

  @Test
  void everyControlledKindIsReconciledWhenTheControllersStart() {
    store.create(thing("Thing", "a", 1, false, ""));
    store.create(thing("Part", "b", 1, false, ""));
    start(counting("Thing"), counting("Part"));

    await().atMost(WAIT).until(() -> count("Thing/a") == 1 && count("Part/b") == 1);
  }

  @Test
  void aStatusWriteDoesNotWakeTheRecordButANewGenerationOrADeletionRequestDoes() {
    StoredRecord a = store.create(thing("Thing", "a", 1, false, ""));
    start(counting("Thing"));
    await().atMost(WAIT).until(() -> count("Thing/a") == 1);

    a = store.update(thing("Thing", "a", 1, false, "status only"), a.revision());
    await().during(QUIET).atMost(WAIT).until(() -> count("Thing/a") == 1);

    a = store.update(thing("Thing", "a", 2, false, "status only"), a.revision());
    await().atMost(WAIT).until(() -> count("Thing/a") == 2);

    store.update(thing("Thing", "a", 2, true, "status only"), a.revision());
    await().atMost(WAIT).until(() -> count("Thing/a") == 3);
  }

  @Test
  void aSecondaryChangeReconcilesThePrimariesItsMapperNamesStatusWritesIncluded() {
    store.create(thing("Thing", "x", 1, false, ""));
    store.create(thing("Thing", "y", 1, false, ""));
    // A part names the thing it belongs to in its status field.
    SecondaryToPrimaryMapper owner = part -> Set.of(status(part));
    start(counting("Thing", new SecondaryWatch("Part", owner)));
    await().atMost(WAIT).until(() -> count("Thing/x") == 1 && count("Thing/y") == 1);

    StoredRecord part = store.create(thing("Part", "p", 1, false, "x"));
    await().atMost(WAIT).until(() -> count("Thing/x") == 2);
    store.update(thing("Part", "p", 1, false, "y"), part.revision());
    await().atMost(WAIT).until(() -> count("Thing/y") == 2);
    await().during(QUIET).atMost(WAIT).until(() -> count("Thing/x") == 2 && count("Thing/y") == 2);
  }

  @Test
  void aRecordKeepsTheFinalizerUntilItsControllerCleanedUpAndThenGoes() {
    List<String> seenFinalizers = new CopyOnWriteArrayList<>();
    AtomicInteger cleanups = new AtomicInteger();
    Reconciler finalizing = new Reconciler() {
      @Override
      public String kind() {
        return Project.KIND;
      }

      @Override
      public Optional<String> finalizer() {
        return Optional.of("test.palette.dev/cleanup");
      }

      @Override
      public Result reconcile(String id) {
        Optional<Project> p = records.get(RecordKind.PROJECT, id);
        if (p.isEmpty()) {
          return Result.done();
        }
        seenFinalizers.addAll(p.get().metadata().finalizers());
        if (p.get().metadata().deletionRequested()) {
          cleanups.incrementAndGet();
          records.removeFinalizer(RecordKind.PROJECT, p.get(), "test.palette.dev/cleanup");
        }
        return Result.done();
      }
    };
    // Made before its controller kept a finalizer: the runtime puts it on before the first reconcile.
    Project p = records.create(RecordKind.PROJECT, project("p"));
    start(finalizing);
    assertThat(manager.finalizers().of(Project.KIND)).containsExactly("test.palette.dev/cleanup");
    assertThat(manager.finalizers().onCreate(project("q").metadata()).finalizers())
        .as("what the front door puts on a new record").containsExactly("test.palette.dev/cleanup");
    assertThat(manager.finalizers().of("Thing")).isEmpty();
    await().atMost(WAIT).until(() -> seenFinalizers.contains("test.palette.dev/cleanup"));

    Project current = records.get(RecordKind.PROJECT, p.metadata().id()).orElseThrow();
    assertThat(records.requestDeletion(RecordKind.PROJECT, current)).as("deleted at once").isFalse();

    await().atMost(WAIT).until(() -> records.get(RecordKind.PROJECT, p.metadata().id()).isEmpty());
    assertThat(cleanups.get()).isEqualTo(1);
  }

  @Test
  void aStoppedManagerReconcilesNothingAndAStartLooksAtEveryRecordAgain() {
    StoredRecord a = store.create(thing("Thing", "a", 1, false, ""));
    start(counting("Thing"));
    await().atMost(WAIT).until(() -> count("Thing/a") == 1);

    manager.stop();
    assertThat(manager.running()).isFalse();
    store.update(thing("Thing", "a", 2, false, ""), a.revision());
    await().during(QUIET).atMost(WAIT).until(() -> count("Thing/a") == 1);

    manager.start();
    await().atMost(WAIT).until(() -> count("Thing/a") == 2);
  }

  @Test
  void theResyncPeriodIsMeasuredOnTheManagersClock() {
    store.create(thing("Thing", "a", 1, false, ""));
    start(counting("Thing"));
    await().atMost(WAIT).until(() -> count("Thing/a") == 1);

    clock.advance(Duration.ofMinutes(9));
    await().during(QUIET).atMost(WAIT).until(() -> count("Thing/a") == 1);
    clock.advance(Duration.ofMinutes(2));
    await().atMost(WAIT).until(() -> count("Thing/a") == 2);
  }

  @Test
  void logLinesOfAReconcileCarryTheRecordsKindAndIdInTheMdc() {
    org.slf4j.KeptMdc.install();
    List<String> mdc = new CopyOnWriteArrayList<>();
    store.create(thing("Thing", "a", 1, false, ""));
    start(reconciler("Thing", id -> {
      mdc.add(MDC.get(ControllerRuntime.MDC_KIND) + "/" + MDC.get(ControllerRuntime.MDC_ID));
      return Result.done();
    }));

    await().atMost(WAIT).until(() -> mdc.contains("Thing/a"));
  }

  private void start(Reconciler... reconcilers) {
    manager = new ControllerManager("test", records, List.of(reconcilers),
        new ControllerManager.Settings(2, RetryPolicy.DEFAULT, Duration.ofMinutes(10), clock));
    manager.start();
    assertThat(manager.running()).isTrue();
  }

  private Reconciler counting(String kind, SecondaryWatch... watches) {
    return reconciler(kind, id -> {
      calls.computeIfAbsent(kind + "/" + id, k -> new AtomicInteger()).incrementAndGet();
      return Result.done();
    }, watches);
  }

  private static Reconciler reconciler(String kind, Function<String, Result> body, SecondaryWatch... watches) {
    return new Reconciler() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public Result reconcile(String id) {
        return body.apply(id);
      }

      @Override
      public List<SecondaryWatch> watches() {
        return List.of(watches);
      }
    };
  }

  private int count(String key) {
    AtomicInteger n = calls.get(key);
    return n == null ? 0 : n.get();
  }

  // A bare record of any kind: its metadata, and a status field standing for the rest.
  private static StoredRecord thing(String kind, String id, long generation, boolean deleting, String status) {
    Metadata m = Metadata.builder().kind(kind).id(id).name(id).createdAt(T0).updatedAt(T0)
        .generation(generation).deletionRequested(deleting).build();
    ObjectNode body = Json.mapper().createObjectNode();
    body.set("metadata", Json.mapper().valueToTree(m));
    body.put("status", status);
    return new StoredRecord(kind, id, "", id, Map.of(), 0, body.toString());
  }

  private static String status(StoredRecord r) {
    try {
      return Json.mapper().readTree(r.body()).get("status").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Project project(String name) {
    return Project.builder().metadata(Records.newMetadata(Project.KIND, "", name, Map.of(), "test", T0))
        .spec(ProjectSpec.builder().name(name).build()).build();
  }
}
