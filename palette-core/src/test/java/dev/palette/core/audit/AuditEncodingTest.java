package dev.palette.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.core.record.Json;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written JSON and hash encodings against the general ones they replace. */
class AuditEncodingTest {
  private static final String ALL_ASCII;

  static {
    StringBuilder s = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      s.append(c);
    }
    ALL_ASCII = s.toString();
  }

  private static final List<String> STRINGS = List.of("", "plain", ALL_ASCII,
      "said \"no\", then\nleft\\", "Grüße, 東京, \u2028, emoji \uD83D\uDE80", "lone \uD800 high",
      "\u007f\u0080\u00ff");

  private static final List<Instant> TIMES = List.of(
      Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:00:00.123Z"),
      Instant.parse("2026-11-25T10:00:00.123456Z"), Instant.parse("2026-11-25T10:00:00.123456789Z"),
      Instant.parse("2026-01-05T03:04:05.000000001Z"), Instant.parse("2026-01-05T03:04:05.010Z"),
      Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("0999-12-31T23:59:59.5Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
      Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00.1Z"),
      Instant.EPOCH.minusNanos(1), Instant.MIN, Instant.MAX);

  @Test
  void theJsonIsWhatTheSharedMapperWritesAndReadsBackEqual() throws Exception {
    EventJson json = new EventJson();
    long sequence = 1;
    for (String s : STRINGS) {
      for (Instant t : TIMES) {
        AuditEvent e = event(sequence++, t, s);
        String encoded = json.encode(e);

        assertThat(encoded).isEqualTo(Json.mapper().writeValueAsString(e));
        assertThat(Json.mapper().readValue(encoded, AuditEvent.class)).isEqualTo(e);
      }
    }
  }

  @Test
  void theHashOfNonAsciiFieldsIsOverTheirUtf8Bytes() throws Exception {
    ChainHash hash = new ChainHash();
    for (String s : STRINGS) {
      AuditEvent e = event(42, TIMES.get(2), s);

      assertThat(hash.of(e)).isEqualTo(reference(e));
    }
  }

  @Test
  void sequencesArePaddedToNineteenDigits() {
    assertThat(EventRecords.paddedSequence(1)).isEqualTo("0000000000000000001");
    assertThat(EventRecords.paddedSequence(1234567890)).isEqualTo("0000000001234567890");
    assertThat(EventRecords.paddedSequence(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
    assertThat(EventRecords.paddedSequence(0)).isEqualTo("0".repeat(19));
    assertThat(EventRecords.paddedSequence(-5)).isEqualTo("00000000000000000-5");
  }

  private static AuditEvent event(long sequence, Instant time, String text) {
    return AuditEvent.builder().sequence(sequence).time(time).actor(text).actorType("user")
        .action(AuditAction.UPDATE).permission("team.update").resourceKind("Team")
        .resourceName(text).project(text).outcome(AuditOutcome.SUCCESS).message(text)
        .previousHash("0".repeat(64)).hash(text).build();
  }

  /** The documented hash encoding, written out independently of AuditTrail. */
  static String reference(AuditEvent e) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("palette.audit.v1".getBytes(StandardCharsets.UTF_8));
    out.writeLong(e.sequence());
    out.writeLong(e.time().getEpochSecond());
    out.writeLong(e.time().getNano());
    for (String field : List.of(e.actor(), e.actorType(), e.action().name(), e.permission(),
        e.resourceKind(), e.resourceName(), e.project(), e.outcome().name(), e.message(),
        e.previousHash())) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      out.writeLong(utf8.length);
      out.write(utf8);
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
  }
}
