package dev.palette.core.store.directory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes a log entry (an operation and a record): a format byte, the length of a JSON header, the
 * length of the status, the header (operation, revision, kind, id, project, name, labels) written
 * with Jackson's streaming API, then the status's and the body's UTF-8 bytes as they are. Neither
 * is a JSON string field because escaping and unescaping a JSON document inside a string was most
 * of the cost of recovery. Entries of format 1, written before records had a status apart from
 * their body, have no status length and are read with an empty status.
 * A record's secrets travel in the header as {@code sec}, sealed by a {@link SecretCipher}: they are
 * never written in clear. Errors never quote the payload.
 */
final class EntryCodec {
  /** What a log entry did; snapshots use {@link #CREATE} for every record they hold. */
  enum Op {
    CREATE("C"),
    UPDATE("U"),
    DELETE("D");

    final String code;

    Op(String code) {
      this.code = code;
    }

    static Op of(String code) {
      switch (code) {
        case "C":
          return CREATE;
        case "U":
          return UPDATE;
        case "D":
          return DELETE;
        default:
          throw new IllegalArgumentException("unknown operation code '" + code + "'");
      }
    }
  }

  /** A decoded log entry. */
  record Entry(Op op, StoredRecord record) {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private EntryCodec() {}

  private static final byte FORMAT = 2;
  private static final byte FORMAT_WITHOUT_STATUS = 1;
  private static final int PREFIX = 9;
  private static final int PREFIX_WITHOUT_STATUS = 5;

  /**
   * Encodes one entry; a record with secrets needs a cipher.
   *
   * @throws IllegalStateException when the record has secrets and {@code cipher} is null (callers
   *     refuse such writes before they get here)
   */
  static byte[] encode(Op op, StoredRecord r, SecretCipher cipher) {
    byte[] header = header(op, r, cipher);
    byte[] status = r.status().getBytes(StandardCharsets.UTF_8);
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[PREFIX + header.length + status.length + body.length];
    ByteBuffer.wrap(out).put(FORMAT).putInt(header.length).putInt(status.length).put(header)
        .put(status).put(body);
    return out;
  }

  private static byte[] header(Op op, StoredRecord r, SecretCipher cipher) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(256);
        JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("op", op.code);
      g.writeNumberField("rev", r.revision());
      g.writeStringField("kind", r.kind());
      g.writeStringField("id", r.id());
      g.writeStringField("project", r.project());
      g.writeStringField("name", r.name());
      g.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> e : r.labels().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      if (r.hasSecrets()) {
        if (cipher == null) {
          throw new IllegalStateException("no key to seal the secrets of " + r);
        }
        g.writeBinaryField("sec", cipher.seal(r.kind(), r.id(), r.secrets()));
      }
      g.writeEndObject();
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      // Writing to a byte array fails only on a bug; say so without the record's body.
      throw new IllegalStateException("cannot encode " + r, e);
    }
  }

  /**
   * Decodes one entry, opening its secrets with {@code cipher}.
   *
   * @throws IOException when the payload is not a well-formed entry
   * @throws SecretCipher.WrongKey when its secrets were sealed under another key
   * @throws NoKey when it holds secrets and {@code cipher} is null
   */
  static Entry decode(byte[] payload, SecretCipher cipher)
      throws IOException, SecretCipher.WrongKey, NoKey {
    boolean withStatus = payload.length >= PREFIX && payload[0] == FORMAT;
    if (!withStatus && (payload.length < PREFIX_WITHOUT_STATUS
        || payload[0] != FORMAT_WITHOUT_STATUS)) {
      throw new IOException("not an entry of format " + FORMAT_WITHOUT_STATUS + " or " + FORMAT);
    }
    int prefix = withStatus ? PREFIX : PREFIX_WITHOUT_STATUS;
    int headerLength = ByteBuffer.wrap(payload, 1, 4).getInt();
    if (headerLength < 2 || headerLength > payload.length - prefix) {
      throw new IOException("invalid header length " + headerLength);
    }
    int statusLength = withStatus ? ByteBuffer.wrap(payload, 5, 4).getInt() : 0;
    if (statusLength < 0 || statusLength > payload.length - prefix - headerLength) {
      throw new IOException("invalid status length " + statusLength);
    }
    int statusStart = prefix + headerLength;
    int bodyStart = statusStart + statusLength;
    String status = new String(payload, statusStart, statusLength, StandardCharsets.UTF_8);
    String body = new String(payload, bodyStart, payload.length - bodyStart, StandardCharsets.UTF_8);
    String op = null;
    long rev = -1;
    String kind = null;
    String id = null;
    String project = null;
    String name = null;
    Map<String, String> labels = Map.of();
    byte[] sealed = null;
    try (JsonParser p = JSON.createParser(payload, prefix, headerLength)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "op":
            op = p.getValueAsString();
            break;
          case "rev":
            expect(t, JsonToken.VALUE_NUMBER_INT);
            rev = p.getLongValue();
            break;
          case "kind":
            kind = p.getValueAsString();
            break;
          case "id":
            id = p.getValueAsString();
            break;
          case "project":
            project = p.getValueAsString();
            break;
          case "name":
            name = p.getValueAsString();
            break;
          case "labels":
            expect(t, JsonToken.START_OBJECT);
            Map<String, String> m = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              expect(p.nextToken(), JsonToken.VALUE_STRING);
              m.put(key, p.getText());
            }
            labels = m;
            break;
          case "sec":
            expect(t, JsonToken.VALUE_STRING);
            sealed = p.getBinaryValue();
            break;
          default:
            p.skipChildren();
        }
      }
    }
    if (op == null || rev < 0 || kind == null || id == null || project == null || name == null) {
      throw new IOException("entry lacks a required field (op, rev, kind, id, project, name)");
    }
    Map<String, String> secrets = Map.of();
    if (sealed != null) {
      if (cipher == null) {
        throw new NoKey();
      }
      secrets = cipher.open(kind, id, sealed);
    }
    try {
      return new Entry(Op.of(op),
          new StoredRecord(kind, id, project, name, labels, rev, body, status, secrets));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** An entry holds sealed secrets, and no key was supplied to open them. */
  static final class NoKey extends Exception {
    private static final long serialVersionUID = 1L;

    NoKey() {
      super("sealed secrets and no key", null, false, false);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }
}
