package dev.palette.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.palette.ClusterMode;
import dev.palette.Palette;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.store.directory.DirectoryStateStore;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.error.AccessDeniedException;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.model.User;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
  private static final Principal ALICE = Principal.user("alice");
  private static final Principal CI = new Principal("ci-bot", Principal.Type.SERVICE);
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123456Z");
  private static final AuditQuery ALL = AuditQuery.builder().build();
  private static final RecordCodec CODEC = new RecordCodec();
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final MemoryStateStore store = new MemoryStateStore();
  private final StepClock clock = new StepClock(T0);
  private final AuditTrail trail = new AuditTrail(store, clock);

  @Test
  void appendedEventsHaveContiguousSequencesAndLinkedHashes() {
    List<AuditEvent> events = appendSome(trail, 5);

    assertThat(events).extracting(AuditEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(events.get(0).previousHash()).isEqualTo("0".repeat(64));
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).previousHash()).isEqualTo(events.get(i - 1).hash());
    }
    assertThat(events).extracting(AuditEvent::hash).allMatch(h -> h.matches("[0-9a-f]{64}"))
        .doesNotHaveDuplicates();
    assertThat(trail.query(ALL)).containsExactlyElementsOf(events);
    assertThat(trail.verify()).isEqualTo(new AuditVerification(5, 0, ""));
  }

  @Test
  void appendFillsInTheActorTypeTimeAndStoresTheEventAsARecord() {
    AuditEvent e = trail.append(CI, AuditAction.DEPLOY, "appDeployment.create", "AppDeployment",
        "web", "ml", AuditOutcome.SUCCESS, "deployed");

    assertThat(e.actor()).isEqualTo("ci-bot");
    assertThat(e.actorType()).isEqualTo("service");
    assertThat(e.time()).isEqualTo(T0);
    StoredRecord r = store.get(AuditTrail.KIND, "audit-0000000000000000001").orElseThrow();
    assertThat(r.name()).isEqualTo("0000000000000000001");
    assertThat(r.project()).isEqualTo("ml");
    assertThat(r.body()).contains("\"time\":\"2026-11-25T10:00:00.123456Z\"");
  }

  @Test
  void theHashEncodingIsInjectiveAcrossFieldBoundaries() {
    AuditEvent a = appendSome(trail, 1).get(0).withPermission("a|b").withResourceKind("c");
    AuditEvent b = a.withPermission("a").withResourceKind("b|c");
    AuditEvent c = a.withPermission("a|").withResourceKind("bc");

    assertThat(ChainHash.hash(a)).isNotEqualTo(ChainHash.hash(b))
        .isNotEqualTo(ChainHash.hash(c));
    assertThat(ChainHash.hash(a)).isEqualTo(ChainHash.hash(a.withHash("anything")));
  }

  @Test
  void theHashIsSha256OverLengthPrefixedFieldsAfterADomainTag() throws Exception {
    AuditEvent e = appendSome(trail, 2).get(1);

    assertThat(e.hash()).isEqualTo(AuditEncodingTest.reference(e));
  }

  @Test
  void verifyReportsAnEventWhoseStoredMessageWasEdited() throws Exception {
    appendSome(trail, 6);
    StoredRecord r = record(store, 4);
    ObjectNode body = (ObjectNode) JSON.readTree(r.body());
    body.put("message", "nothing to see here");
    store.update(withBody(r, JSON.writeValueAsString(body)), r.revision());

    AuditVerification v = trail.verify();

    assertThat(v.firstBroken()).isEqualTo(4);
    assertThat(v.reason()).contains("hash does not match its contents");
  }

  @Test
  void verifyReportsTheNextEventWhenAnEditedEventsHashWasRecomputed() throws Exception {
    appendSome(trail, 6);
    StoredRecord r = record(store, 3);
    AuditEvent forged = JSON.readValue(r.body(), AuditEvent.class).withMessage("forged");
    forged = forged.withHash(ChainHash.hash(forged));
    store.update(withBody(r, JSON.writeValueAsString(forged)), r.revision());

    AuditVerification v = trail.verify();

    assertThat(v.firstBroken()).isEqualTo(4);
    assertThat(v.reason()).contains("previousHash does not match event 3");
  }

  @Test
  void verifyReportsAnEventDeletedFromTheMiddle() {
    appendSome(trail, 6);
    StoredRecord r = record(store, 3);
    store.delete(r.kind(), r.id(), r.revision());

    AuditVerification v = trail.verify();

    assertThat(v.firstBroken()).isEqualTo(3);
    assertThat(v.reason()).contains("event 3 is missing");
  }

  @Test
  void verifyReportsTheLastEventDeletedWhileTheTrailRuns() {
    appendSome(trail, 4);
    StoredRecord r = record(store, 4);
    store.delete(r.kind(), r.id(), r.revision());

    assertThat(trail.verify().firstBroken()).isEqualTo(4);
  }

  @Test
  void anEventLostAfterTheHeadMovedIsReportedMissingByAnyTrailOnTheStore() {
    appendSome(trail, 3);
    // What a crash between moving the head and storing the event leaves: the head one past the events.
    StoredRecord head = store.get(ChainHead.KIND, "audit-head").orElseThrow();
    store.update(withBody(head, head.body().replace("\"sequence\":3", "\"sequence\":4")), head.revision());

    assertThat(new AuditTrail(store, clock).verify()).isEqualTo(new AuditVerification(3, 4, "event 4 is missing"));
  }

  @Test
  void verifyReportsAnEventWhoseJsonNoLongerParses() {
    appendSome(trail, 4);
    StoredRecord r = record(store, 2);
    store.update(withBody(r, "{\"sequence\": "), r.revision());

    AuditVerification v = trail.verify();

    assertThat(v.firstBroken()).isEqualTo(2);
    assertThat(v.reason()).contains("does not parse");
    assertThat(trail.query(ALL)).extracting(AuditEvent::sequence).containsExactly(1L, 3L, 4L);
  }

  @Test
  void aReopenedDirectoryStoreContinuesTheChain(@TempDir Path dir) {
    List<AuditEvent> before;
    try (StateStore first = DirectoryStateStore.open(dir)) {
      before = appendSome(new AuditTrail(first, clock), 3);
    }
    try (StateStore reopened = DirectoryStateStore.open(dir)) {
      AuditTrail continued = new AuditTrail(reopened, clock);
      AuditEvent next = continued.append(ALICE, AuditAction.DELETE, "cluster.delete",
          "HostCluster", "gpu-1", "ml", AuditOutcome.SUCCESS, "deleted");

      assertThat(next.sequence()).isEqualTo(4);
      assertThat(next.previousHash()).isEqualTo(before.get(2).hash());
      assertThat(continued.query(ALL)).hasSize(4).startsWith(before.toArray(AuditEvent[]::new));
      assertThat(continued.verify()).isEqualTo(new AuditVerification(4, 0, ""));
    }
  }

  @Test
  void queryFiltersByTimeRangeActorKindProjectAndAction() {
    AuditEvent e1 = trail.append(ALICE, AuditAction.CREATE, "cluster.create", "HostCluster",
        "gpu-1", "ml", AuditOutcome.SUCCESS, "created");
    AuditEvent e2 = trail.append(CI, AuditAction.PUBLISH, "clusterProfile.publish",
        "ClusterProfile", "base", "", AuditOutcome.SUCCESS, "published");
    AuditEvent e3 = trail.append(ALICE, AuditAction.DENY, "cluster.delete", "HostCluster",
        "gpu-1", "web", AuditOutcome.DENIED, "missing cluster.delete");
    AuditEvent e4 = trail.append(CI, AuditAction.UPDATE, "cluster.update", "HostCluster",
        "gpu-2", "ml", AuditOutcome.FAILED, "provider error");

    assertThat(trail.query(q -> q.from(e2.time()).to(e4.time()))).containsExactly(e2, e3);
    assertThat(trail.query(q -> q.addActor("alice"))).containsExactly(e1, e3);
    assertThat(trail.query(q -> q.addKind("ClusterProfile"))).containsExactly(e2);
    assertThat(trail.query(q -> q.addProject("ml"))).containsExactly(e1, e4);
    assertThat(trail.query(q -> q.addProject(""))).containsExactly(e2);
    assertThat(trail.query(q -> q.addProjects("ml", "web"))).containsExactly(e1, e3, e4);
    assertThat(trail.query(q -> q.addActions(AuditAction.DENY, AuditAction.UPDATE)))
        .containsExactly(e3, e4);
    assertThat(trail.query(q -> q.addActor("alice").addKind("HostCluster").addProject("web")))
        .containsExactly(e3);
  }

  @Test
  void queryOrdersBySequenceAcrossProjects() {
    List<AuditEvent> events = new ArrayList<>();
    for (String project : List.of("zeta", "alpha", "", "mid", "alpha")) {
      events.add(trail.append(ALICE, AuditAction.CREATE, "cluster.create", "HostCluster", "c",
          project, AuditOutcome.SUCCESS, "created"));
    }
    assertThat(trail.query(ALL)).containsExactlyElementsOf(events);
  }

  @Test
  void csvExportHasAHeaderAndQuotesCommasQuotesAndLineBreaks() {
    AuditEvent plain = trail.append(ALICE, AuditAction.CREATE, "cluster.create", "HostCluster",
        "gpu-1", "ml", AuditOutcome.SUCCESS, "created");
    AuditEvent tricky = trail.append(ALICE, AuditAction.UPDATE, "cluster.update", "HostCluster",
        "gpu-1", "", AuditOutcome.FAILED, "said \"no\", then\nleft");
    StringWriter out = new StringWriter();

    trail.exportCsv(ALL, out);

    assertThat(out.toString()).isEqualTo(
        "sequence,time,actor,actorType,action,permission,resourceKind,resourceName,project,"
            + "outcome,message,previousHash,hash\r\n"
            + "1," + plain.time() + ",alice,user,create,cluster.create"
            + ",HostCluster,gpu-1,ml,success,created," + plain.previousHash() + ","
            + plain.hash() + "\r\n"
            + "2," + tricky.time() + ",alice,user,update,cluster.update,HostCluster,gpu-1,,failed,"
            + "\"said \"\"no\"\", then\nleft\"," + plain.hash() + "," + tricky.hash() + "\r\n");
  }

  @Test
  void jsonLinesExportParsesBackToTheEvents() throws Exception {
    List<AuditEvent> events = appendSome(trail, 3);
    events.add(trail.append(ALICE, AuditAction.UPDATE, "cluster.update", "HostCluster", "x", "ml",
        AuditOutcome.SUCCESS, "line one\nline two, \"quoted\""));
    StringWriter out = new StringWriter();

    trail.exportJsonLines(ALL, out);

    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(4);
    List<AuditEvent> parsed = new ArrayList<>();
    for (String line : lines) {
      parsed.add(JSON.readValue(line, AuditEvent.class));
    }
    assertThat(parsed).containsExactlyElementsOf(events);
  }

  @Test
  void watchSeesEventsAppendedAfterSubscribingUntilClosed() {
    appendSome(trail, 1);
    List<AuditEvent> seen = new ArrayList<>();
    Subscription sub = trail.watch(seen::add);
    List<AuditEvent> appended = appendSome(trail, 2);
    sub.close();
    appendSome(trail, 1);

    assertThat(seen).containsExactlyElementsOf(appended);
  }

  @Test
  void aFailingListenerDoesNotBreakAppend() {
    List<AuditEvent> seen = new ArrayList<>();
    trail.watch(e -> {
      throw new IllegalStateException("listener bug");
    });
    trail.watch(seen::add);

    List<AuditEvent> appended = appendSome(trail, 2);

    assertThat(seen).containsExactlyElementsOf(appended);
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void concurrentAppendsYieldContiguousSequencesAndAnIntactChain() throws Exception {
    int threads = 8;
    int perThread = 125;
    List<AuditEvent> watched = new CopyOnWriteArrayList<>();
    trail.watch(watched::add);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        Principal actor = Principal.user("user-" + t);
        done.add(pool.submit(() -> {
          assertThat(start.await(30, TimeUnit.SECONDS)).as("start signal").isTrue();
          for (int i = 0; i < perThread; i++) {
            trail.append(actor, AuditAction.UPDATE, "cluster.update", "HostCluster", "c" + i,
                "ml", AuditOutcome.SUCCESS, "updated");
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) threads * perThread;
    List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
    assertThat(trail.query(ALL)).extracting(AuditEvent::sequence).isEqualTo(expected);
    assertThat(watched).extracting(AuditEvent::sequence).isEqualTo(expected);
    assertThat(trail.verify()).isEqualTo(new AuditVerification(total, 0, ""));
  }

  @Test
  @Tag("audit-log")
  void theAuditLoggerGetsOneLinePerEventWithEveryFieldQuoted() {
    List<String> lines = auditLines(() -> {
      trail.append(ALICE, AuditAction.CREATE, "cluster.create", "HostCluster", "gpu-1", "ml",
          AuditOutcome.SUCCESS, "created");
      trail.append(CI, AuditAction.DENY, "clusterProfile.publish", "ClusterProfile", "base", "",
          AuditOutcome.DENIED, "missing permission\nforged line");
    });

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("DEBUG").endsWith("sequence=1 actor=\"alice\" actorType=\"user\""
        + " action=\"create\" permission=\"cluster.create\" resourceKind=\"HostCluster\" project=\"ml\""
        + " resourceName=\"gpu-1\" outcome=\"success\" message=\"created\"");
    assertThat(lines.get(1)).endsWith("outcome=\"denied\" message=\"missing permission\\nforged line\"");
  }

  @Test
  void quotesBackslashesControlAndInvisibleCharactersAreEscapedInTheLogLine() {
    String name = "a\"b\\c\r\t\u0000\u001b[2J\u0085\u2028\u202e\u200b\ud800é😀";
    AuditEvent e = trail.append(ALICE, AuditAction.CREATE, "user.create", "User", name, "",
        AuditOutcome.SUCCESS, "ok");

    assertThat(AuditLine.line(e)).contains("resourceName=\"a\\\"b\\\\c\\r\\t\\u0000\\u001b[2J"
        + "\\u0085\\u2028\\u202e\\u200b\\ud800é😀\"");
  }

  @Test
  @Tag("audit-log")
  void aDeniedCreateCannotForgeASecondAuditLine() {
    String forged = "x\nuser:admin delete Project prod success";
    try (Palette palette = Palette.builder().store(new MemoryStateStore()).discoverProviders(false).build()) {
      ClusterMode nobody = palette.as(Principal.user("mallory")).clusterMode();
      List<String> lines = stderrLines(() -> {
        assertThatThrownBy(() -> nobody.projects().create(p -> p.name(forged + "-".repeat(1000))))
            .isInstanceOf(AccessDeniedException.class);
        // The denial is appended in the background; a read waits for it, and so for its line.
        palette.clusterMode().audit().verify();
      });

      assertThat(lines).singleElement().asString()
          .contains(AuditTrail.LOGGER)
          .contains("actor=\"mallory\"", "action=\"deny\"", "outcome=\"denied\"")
          .contains("resourceName=\"x\\nuser:admin delete Project prod success---");
      AuditEvent denial = palette.clusterMode().audit().query(q -> q.addAction(AuditAction.DENY)).get(0);
      assertThat(denial.resourceName()).startsWith(forged).endsWith("…")
          .hasSizeLessThanOrEqualTo(64);
    }
  }

  // ---- a change and its event: a crash between the two writes is reported by verify() ----

  @Test
  void aChangeStampedWithAnEventThatNeverCameIsReportedNamingTheRecord() {
    MemoryStateStore shared = new MemoryStateStore();
    try (Palette palette = Palette.builder().store(shared).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      admin.projects().create(p -> p.name("ml"));
      admin.users().create(u -> u.name("alice"));
      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(2, 0, ""));

      // What a crash between the two writes leaves: the change, stamped with the next event's
      // sequence, and no event.
      StoredRecord alice = shared.getByName(User.KIND, "", "alice").orElseThrow();
      User user = CODEC.decode(RecordKind.USER, alice);
      shared.update(CODEC.encode(Records.stamped(RecordKind.USER,
          user.withSpec(user.spec().withEmail("alice@example.com")), 3)), alice.revision());

      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(2, 3,
          "User alice was last changed by event 3, which is missing"));
    }
  }

  @Test
  void concurrentAuditedChangesLeaveEveryRecordStampedWithItsOwnEvent() throws Exception {
    try (Palette palette = Palette.builder().store(new MemoryStateStore()).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          String name = "u-" + i;
          creates.add(pool.submit(() -> admin.users().create(u -> u.name(name))));
        }
        for (Future<?> f : creates) {
          f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(100, 0, ""));
    }
  }

  @Test
  void aRecordWrittenWithoutTheTrailIsReported() {
    MemoryStateStore shared = new MemoryStateStore();
    try (Palette palette = Palette.builder().store(shared).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      admin.users().create(u -> u.name("alice"));
      shared.create(CODEC.encode(User.builder()
          .metadata(Records.newMetadata(User.KIND, "", "mallory", java.util.Map.of(), "nobody", T0))
          .spec(dev.palette.model.UserSpec.builder().name("mallory").build()).build()));

      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(1, 2,
          "User mallory carries no audit event: it was written without one"));
    }
  }

  @Test
  void aDeletionWithoutItsEventIsReportedNamingTheRecord() {
    MemoryStateStore shared = new MemoryStateStore();
    try (Palette palette = Palette.builder().store(shared).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      admin.users().create(u -> u.name("alice"));
      admin.users().create(u -> u.name("bob"));
      admin.users().withName("bob").delete();
      assertThat(admin.audit().verify().intact()).isTrue();

      StoredRecord alice = shared.getByName(User.KIND, "", "alice").orElseThrow();
      shared.delete(User.KIND, alice.id(), alice.revision());

      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(3, 1,
          "User alice is gone from the store, but its last event 1 is a create: its deletion has no event"));
    }
  }

  @Test
  void aCreateWhoseEventWasCutFromTheDirectoryStoresLogIsReported(@TempDir Path dir) throws Exception {
    try (Palette palette = Palette.builder().directoryStore(dir).discoverProviders(false).build()) {
      palette.clusterMode().projects().create(p -> p.name("ml"));
      palette.clusterMode().users().create(u -> u.name("alice"));
      assertThat(palette.clusterMode().audit().verify().intact()).isTrue();
    }
    cutLastFrame(dir);

    try (Palette palette = Palette.builder().directoryStore(dir).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      assertThat(admin.users().withName("alice").get()).isPresent();
      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(1, 2,
          "User alice was last changed by event 2, which is missing"));
    }
  }

  @Test
  void aDeletionWhoseEventWasCutFromTheDirectoryStoresLogIsReported(@TempDir Path dir) throws Exception {
    try (Palette palette = Palette.builder().directoryStore(dir).discoverProviders(false).build()) {
      palette.clusterMode().projects().create(p -> p.name("ml"));
      palette.clusterMode().projects().withName("ml").delete();
      assertThat(palette.clusterMode().audit().verify().intact()).isTrue();
    }
    cutLastFrame(dir);

    try (Palette palette = Palette.builder().directoryStore(dir).discoverProviders(false).build()) {
      ClusterMode admin = palette.clusterMode();
      assertThat(admin.projects().withName("ml").get()).isEmpty();
      assertThat(admin.audit().verify()).isEqualTo(new AuditVerification(1, 1,
          "Project ml is gone from the store, but its last event 1 is a create: its deletion has no event"));
    }
  }

  /** A crash after the next-to-last write: the newest log loses its last frame (length, CRC, payload). */
  private static void cutLastFrame(Path dir) throws java.io.IOException {
    Path log;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      log = files.filter(f -> f.getFileName().toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
    }
    byte[] all = java.nio.file.Files.readAllBytes(log);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all);
    int last = 0;
    for (int at = 0; at < all.length; at += 8 + b.getInt(at)) {
      last = at;
    }
    java.nio.file.Files.write(log, java.util.Arrays.copyOf(all, last));
  }

  /** The lines of the audit logger written while the action runs. */
  private static List<String> auditLines(Runnable action) {
    return stderrLines(action).stream().filter(l -> l.contains(AuditTrail.LOGGER)).toList();
  }

  /** Every line written to standard error (where slf4j-simple logs) while the action runs. */
  private static List<String> stderrLines(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private List<AuditEvent> appendSome(AuditTrail t, int n) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(t.append(ALICE, AuditAction.CREATE, "cluster.create", "HostCluster", "c-" + i, "ml",
          AuditOutcome.SUCCESS, "created c-" + i));
    }
    return out;
  }

  private static StoredRecord record(StateStore s, long sequence) {
    return s.get(AuditTrail.KIND, "audit-" + EventRecords.paddedSequence(sequence)).orElseThrow();
  }

  private static StoredRecord withBody(StoredRecord r, String body) {
    return new StoredRecord(r.kind(), r.id(), r.project(), r.name(), r.labels(), r.revision(),
        body);
  }

  /** A clock that moves one second every time it is read, so every event has its own time. */
  private static final class StepClock extends Clock {
    private Instant now;

    StepClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant instant() {
      Instant current = now;
      now = now.plus(Duration.ofSeconds(1));
      return current;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
