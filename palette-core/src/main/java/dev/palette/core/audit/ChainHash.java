package dev.palette.core.audit;

import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 in hex over every field but {@code hash}: each string is written as its UTF-8 length
 * then its bytes, so no two different events encode alike. Not thread-safe; it reuses its buffer
 * and digest, so appends pay for neither.
 */
final class ChainHash {
  // Bumped if the encoding ever changes, so old and new hashes can never be confused.
  private static final byte[] HASH_DOMAIN = "palette.audit.v1".getBytes(StandardCharsets.UTF_8);
  private static final HexFormat HEX = HexFormat.of();
  private final MessageDigest md = sha256();
  private final byte[] digest = new byte[32];
  private byte[] buf = new byte[512];
  private int len;

  String of(AuditEvent e) {
    return of(e.sequence(), e.time(), e.actor(), e.actorType(), e.action(), e.permission(),
        e.resourceKind(), e.resourceName(), e.project(), e.outcome(), e.message(),
        e.previousHash());
  }

  String of(long sequence, Instant time, String actor, String actorType, AuditAction action,
      String permission, String resourceKind, String resourceName, String project,
      AuditOutcome outcome, String message, String previousHash) {
    len = 0;
    put(HASH_DOMAIN);
    putLong(sequence);
    putLong(time.getEpochSecond());
    putLong(time.getNano());
    putString(actor);
    putString(actorType);
    putString(action.name());
    putString(permission);
    putString(resourceKind);
    putString(resourceName);
    putString(project);
    putString(outcome.name());
    putString(message);
    putString(previousHash);
    // No reset() first: digest() always leaves the MessageDigest reset for the next event.
    md.update(buf, 0, len);
    try {
      md.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digests are 32 bytes", e);
    }
    return HEX.formatHex(digest);
  }

  private void putString(String s) {
    int n = s.length();
    ensure(Long.BYTES + n);
    int start = len;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // Not ASCII: let the JDK encode it, surrogates and all, exactly as before.
        len = start;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putLong(bytes.length);
        put(bytes);
        return;
      }
      buf[start + Long.BYTES + i] = (byte) c;
    }
    // ASCII: one byte per char, written in place after the length.
    putLong(n);
    len += n;
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void putLong(long v) {
    ensure(Long.BYTES);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  /** The hash an event should carry, for tests and one-off checks. */
  static String hash(AuditEvent e) {
    return new ChainHash().of(e);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
