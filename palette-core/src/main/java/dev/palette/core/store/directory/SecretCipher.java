package dev.palette.core.store.directory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a record's secret values with AES-GCM for the files of a directory store.
 *
 * <p>A sealed value is: a format byte ({@value #VERSION}: AES-GCM, 12-byte nonce, 128-bit tag), the
 * 8-byte id of the key, a random 12-byte nonce, then the ciphertext of the secrets (a JSON object)
 * with its tag. The record's kind and id are authenticated with it, so a sealed value moved onto
 * another record does not open. The key id is an HMAC of a fixed label under the key: it tells a
 * wrong key from a damaged file without revealing anything about the key.
 */
final class SecretCipher {
  static final byte VERSION = 1;
  private static final int KEY_ID_BYTES = 8;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int PREFIX = 1 + KEY_ID_BYTES + NONCE_BYTES;
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final SecretKey key;
  private final byte[] keyId;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(SecretKey key, byte[] keyId) {
    this.key = key;
    this.keyId = keyId;
  }

  /**
   * A cipher for an AES key of 16, 24 or 32 bytes.
   *
   * @throws ValidationException when the key is not such a key; the message never shows the key
   */
  static SecretCipher of(SecretKey key) {
    check(key);
    byte[] raw = key.getEncoded();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(raw, "HmacSHA256"));
      byte[] id = Arrays.copyOf(
          mac.doFinal("palette store key id".getBytes(StandardCharsets.UTF_8)), KEY_ID_BYTES);
      return new SecretCipher(new SecretKeySpec(raw, "AES"), id);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Refuses anything but an AES key of 16, 24 or 32 bytes, naming the problem, never the key. */
  static void check(SecretKey key) {
    byte[] raw = key.getEncoded();
    int length = raw == null ? -1 : raw.length;
    if (raw != null) {
      Arrays.fill(raw, (byte) 0);
    }
    String problem = null;
    if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
      problem = "is a " + key.getAlgorithm() + " key; the store needs an AES key";
    } else if (length != 16 && length != 24 && length != 32) {
      problem = "has " + (length < 0 ? "no encoded form" : length + " bytes")
          + "; an AES key has 16, 24 or 32 bytes (32 recommended)";
    }
    if (problem != null) {
      throw new ValidationException("the store's secret key", List.of(new Violation("secretKey", problem)));
    }
  }

  /** The key's id, in hex: safe to show in messages. */
  String keyId() {
    return HexFormat.of().formatHex(keyId);
  }

  /** The secrets of record {@code kind}/{@code id}, sealed under a fresh nonce. */
  byte[] seal(String kind, String id, Map<String, String> secrets) {
    byte[] plain = encode(secrets);
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(kind, id));
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(PREFIX + sealed.length)
          .put(VERSION).put(keyId).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot encrypt with AES-GCM: " + e.getClass().getSimpleName());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * The secrets sealed for record {@code kind}/{@code id}.
   *
   * @throws WrongKey when they were sealed under another key
   * @throws IOException when the sealed value is malformed or was altered
   */
  Map<String, String> open(String kind, String id, byte[] sealed) throws WrongKey, IOException {
    if (sealed.length < PREFIX || sealed[0] != VERSION) {
      throw new IOException("sealed secrets of an unknown format");
    }
    byte[] sealedBy = Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_BYTES);
    if (!MessageDigest.isEqual(sealedBy, keyId)) {
      throw new WrongKey(HexFormat.of().formatHex(sealedBy), keyId());
    }
    byte[] plain = null;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key,
          new GCMParameterSpec(TAG_BITS, sealed, 1 + KEY_ID_BYTES, NONCE_BYTES));
      c.updateAAD(aad(kind, id));
      plain = c.doFinal(sealed, PREFIX, sealed.length - PREFIX);
      return decode(plain);
    } catch (AEADBadTagException e) {
      throw new IOException("sealed secrets fail their authentication tag: they were altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot decrypt AES-GCM: " + e.getClass().getSimpleName());
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /** Secrets sealed under another key than the one supplied. */
  static final class WrongKey extends Exception {
    private static final long serialVersionUID = 1L;
    final String sealedWith;
    final String supplied;

    WrongKey(String sealedWith, String supplied) {
      super("sealed with key id " + sealedWith + ", the supplied key has id " + supplied, null, false, false);
      this.sealedWith = sealedWith;
      this.supplied = supplied;
    }
  }

  private static byte[] aad(String kind, String id) {
    return (kind + '\u0000' + id).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encode(Map<String, String> secrets) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(128); JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, String> e : secrets.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode secrets: " + e.getClass().getSimpleName());
    }
  }

  private static Map<String, String> decode(byte[] plain) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(plain)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("decrypted secrets are not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw new IOException("decrypted secret " + name + " is not a string");
        }
        out.put(name, p.getText());
      }
    } catch (IOException e) {
      // A parser message may quote the plaintext: keep only what kind of failure it was.
      throw new IOException("decrypted secrets are not well formed: " + e.getClass().getSimpleName());
    }
    return out;
  }
}
