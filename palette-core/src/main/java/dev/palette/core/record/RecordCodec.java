package dev.palette.core.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.error.PaletteException;
import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import dev.palette.spi.StoredRecord;

/**
 * Turns model records into stored records and back. The JSON body is the whole record but its
 * {@value #STATUS} field, with its secret values masked; the status goes into the stored record's
 * {@code status}, so that a status and a spec are written by separate store calls; the secret
 * values go into its {@code secrets}, and only {@link #decodeWithSecrets} puts them back.
 */
public final class RecordCodec {
  /** The model field that is stored apart from the body. */
  static final String STATUS = "status";

  /** The stored form of a record: body, status and secrets apart. */
  public <R extends Resource<?>> StoredRecord encode(R record) {
    Metadata m = record.metadata();
    try {
      ObjectNode tree = Json.mapper().valueToTree(Secrets.redacted(record));
      JsonNode status = tree.remove(STATUS);
      return new StoredRecord(
          m.kind(), m.id(), m.project(), m.name(), m.labels(), m.revision(),
          Json.mapper().writeValueAsString(tree),
          status == null || status.isNull() ? "" : Json.mapper().writeValueAsString(status),
          Secrets.of(record));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The message of a Jackson error may quote values, and values may be secrets.
      throw new PaletteException("cannot encode " + m.kind() + " " + m.name() + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** The record as every reader sees it, secrets masked, with the revision the store assigned. */
  public <R extends Resource<?>> R decode(RecordKind<R> kind, StoredRecord stored) {
    // Masked again in case the body predates secrets being kept apart.
    return Secrets.redacted(decodeBody(kind, stored));
  }

  /** The record with its secret values: only for handing to the provider that uses them. */
  public <R extends Resource<?>> R decodeWithSecrets(RecordKind<R> kind, StoredRecord stored) {
    return Secrets.restored(decodeBody(kind, stored), stored.secrets());
  }

  private <R extends Resource<?>> R decodeBody(RecordKind<R> kind, StoredRecord stored) {
    try {
      R record = readRecord(kind, stored);
      Metadata m = record.metadata();
      return m.revision() == stored.revision()
          ? record
          : kind.withMetadata(record, m.withRevision(stored.revision()));
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot decode " + stored.describe() + ": "
          + e.getClass().getSimpleName());
    }
  }

  // A body written before statuses were kept apart still holds its status; it is read as it is.
  private static <R extends Resource<?>> R readRecord(RecordKind<R> kind, StoredRecord stored)
      throws JsonProcessingException {
    if (!stored.hasStatus()) {
      return Json.mapper().readValue(stored.body(), kind.type());
    }
    JsonNode body = Json.mapper().readTree(stored.body());
    if (!(body instanceof ObjectNode tree)) {
      throw new PaletteException("cannot decode " + stored.describe() + ": its body is no object");
    }
    tree.set(STATUS, Json.mapper().readTree(stored.status()));
    return Json.mapper().treeToValue(tree, kind.type());
  }

  /** Any model value as JSON, for records that are not {@link Resource}s (settings, ledgers). */
  public String toJson(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot encode " + value.getClass().getSimpleName() + ": "
          + e.getClass().getSimpleName());
    }
  }

  public <T> T fromJson(String json, Class<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot decode " + type.getSimpleName() + ": " + e.getClass().getSimpleName());
    }
  }

  /** Only the metadata of a stored record, cheaper than decoding the whole record. */
  public Metadata metadata(StoredRecord stored) {
    try {
      JsonNode node = Json.mapper().readTree(stored.body()).get("metadata");
      return Json.mapper().treeToValue(node, Metadata.class).withRevision(stored.revision());
    } catch (JsonProcessingException e) {
      throw new PaletteException("cannot decode " + stored.describe() + ": "
          + e.getClass().getSimpleName());
    }
  }
}
