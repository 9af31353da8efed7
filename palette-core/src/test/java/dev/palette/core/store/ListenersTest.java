package dev.palette.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a listener that throws is reported: once per failure, with its stack, and no record data. */
class ListenersTest {
  private static final String SECRET = "s3cr3t-Listener-Value";
  private static final String BODY_MARKER = "body-only-marker";

  @Test
  void eachFailureOfAListenerIsLoggedOnceAtWarnWithItsStackAndWithoutTheRecordsData() {
    MemoryStateStore store = new MemoryStateStore();
    List<StoreEvent> failedOn = new ArrayList<>();
    store.watch(store.revision(), e -> {
      failedOn.add(e);
      throw new IllegalStateException("listener failure on purpose");
    });
    List<StoreEvent> healthy = new ArrayList<>();
    store.watch(store.revision(), healthy::add);

    // The memory store calls listeners on the writer's thread: the log lines are there on return.
    List<String> lines = stderrOf(() -> {
      store.create(record("a"));
      store.create(record("b"));
    });

    assertThat(failedOn).hasSize(2);
    assertThat(healthy).extracting(e -> e.record().name()).containsExactly("a", "b");
    assertThat(lines).filteredOn(l -> l.startsWith("[")).hasSize(2)
        .allSatisfy(l -> assertThat(l).contains("WARN").contains("keeps receiving events"));
    assertThat(lines).filteredOn(l -> l.contains("listener failure on purpose")).hasSize(2);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("\tat "));
    assertThat(String.join("\n", lines)).doesNotContain(SECRET).doesNotContain(BODY_MARKER);
  }

  private static StoredRecord record(String name) {
    return new StoredRecord("Account", "id-" + name, "p", name, Map.of(), 0,
        "{\"" + BODY_MARKER + "\":1}", "{\"phase\":\"VALID\"}", Map.of("secretKey", SECRET));
  }

  private static List<String> stderrOf(Runnable action) {
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
}
