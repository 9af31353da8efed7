package dev.palette.core;

import static dev.palette.core.Fixtures.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.Palette;
import dev.palette.core.store.MemoryStateStore;
import dev.palette.model.CloudAccount;
import dev.palette.spi.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

  @Test
  @Tag("audit-log")
  void neitherToStringNorLogsNorErrorsShowACloudAccountSecret() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    MemoryStateStore store = new MemoryStateStore();
    CloudAccount account;
    Throwable rejected;
    StoredRecord stored;
    try (Palette palette = Palette.builder().store(store).build()) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      palette.clusterMode().projects().create(p -> p.name(PROJECT));
      account = palette.clusterMode().cloudAccounts().inProject(PROJECT).create(a -> a
          .name("prod").cloudType("sandbox").putCredential("secretKey", SECRET));
      rejected = catchThrowable(() -> palette.clusterMode().cloudAccounts().inProject(PROJECT).create(a -> a
          .name("Bad Name").cloudType("aws").putCredential("secretKey", SECRET)));
      stored = store.getByName("CloudAccount", PROJECT, "prod").orElseThrow();
    } finally {
      System.setErr(original);
    }

    assertThat(account.spec().credentials()).containsEntry("secretKey", "****");
    assertThat(account.toString()).doesNotContain(SECRET).contains("prod");
    assertThat(account.spec().toString()).doesNotContain(SECRET);
    assertThat(stored.toString()).doesNotContain(SECRET);
    assertThat(rejected).isNotNull();
    assertThat(rejected.getMessage()).doesNotContain(SECRET);
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("action=\"create\" permission=\"cloudAccount.create\" resourceKind=\"CloudAccount\""
        + " project=\"ml-modeling\" resourceName=\"prod\" outcome=\"success\"").doesNotContain(SECRET);
  }
}
