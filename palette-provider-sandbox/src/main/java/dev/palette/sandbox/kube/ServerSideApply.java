package dev.palette.sandbox.kube;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}) for the sandbox API
 * server, which Fabric8's mock server lacks: the object is created when absent and otherwise
 * merged as a JSON merge patch (RFC 7386) and stored with a compare-and-set update, and the field
 * manager is recorded in {@code managedFields}.
 *
 * <p>It is a simplification: lists are replaced rather than merged by key, and conflicts between
 * managers are not detected, which is enough for one applier that sends its whole intent.
 */
final class ServerSideApply {
  private static final String JSON = "application/json";

  private final KubeletDispatcher dispatcher;

  ServerSideApply(KubeletDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  MockResponse apply(RecordedRequest request) {
    String fullPath = request.getPath();
    int q = fullPath.indexOf('?');
    String path = q < 0 ? fullPath : fullPath.substring(0, q);
    String manager = queryParameter(q < 0 ? "" : fullPath.substring(q + 1), "fieldManager");
    if (manager == null || manager.isEmpty()) {
      return error(HttpURLConnection.HTTP_BAD_REQUEST, "fieldManager is required for apply requests");
    }
    ObjectNode intent;
    try {
      JsonNode parsed = Json.YAML.readTree(request.getBody().readUtf8());
      if (!(parsed instanceof ObjectNode object)) {
        return error(HttpURLConnection.HTTP_BAD_REQUEST, "an apply body must be one object");
      }
      intent = object;
    } catch (RuntimeException e) {
      return error(HttpURLConnection.HTTP_BAD_REQUEST, "the apply body is not YAML: " + e.getMessage());
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    ObjectNode metadata = intent.has("metadata")
        ? (ObjectNode) intent.get("metadata")
        : intent.putObject("metadata");
    if (!metadata.has("name")) {
      metadata.put("name", name);
    }
    ObjectNode entry = managedFieldsEntry(manager, intent.path("apiVersion").asString(""));

    // One retry covers a create or delete that raced in between the look-up and the write.
    for (int attempt = 0; attempt < 2; attempt++) {
      MockResponse current = dispatcher.handleGet(path);
      if (current.code() == HttpURLConnection.HTTP_NOT_FOUND) {
        metadata.set("managedFields", Json.JSON.createArrayNode().add(entry));
        MockResponse created = dispatcher.call(
            HttpMethod.POST, path.substring(0, path.lastIndexOf('/')), JSON, intent.toString());
        if (created.code() != HttpURLConnection.HTTP_CONFLICT) {
          return created;
        }
      } else {
        ObjectNode merged = (ObjectNode) Json.JSON
            .readTree(current.getBody().readUtf8());
        ArrayNode managers = mergedManagers(merged, entry, manager);
        mergePatch(merged, intent);
        ((ObjectNode) merged.get("metadata")).set("managedFields", managers);
        // The merged object carries the current resourceVersion: a write in between answers 409.
        MockResponse updated = dispatcher.call(HttpMethod.PUT, path, JSON, merged.toString());
        if (updated.code() != HttpURLConnection.HTTP_NOT_FOUND
            && updated.code() != HttpURLConnection.HTTP_CONFLICT) {
          return updated;
        }
      }
    }
    return error(HttpURLConnection.HTTP_CONFLICT, "the object changed while it was applied; retry");
  }

  /** RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces. */
  private static void mergePatch(ObjectNode target, JsonNode patch) {
    for (var field : patch.properties()) {
      JsonNode value = field.getValue();
      JsonNode existing = target.get(field.getKey());
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && existing instanceof ObjectNode existingObject) {
        mergePatch(existingObject, value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }

  private static ArrayNode mergedManagers(JsonNode existing, ObjectNode entry, String manager) {
    ArrayNode merged = Json.JSON.createArrayNode();
    for (JsonNode other : existing.path("metadata").path("managedFields")) {
      boolean sameApply = manager.equals(other.path("manager").asString(""))
          && "Apply".equals(other.path("operation").asString(""));
      if (!sameApply) {
        merged.add(other);
      }
    }
    merged.add(entry);
    return merged;
  }

  private static ObjectNode managedFieldsEntry(String manager, String apiVersion) {
    ObjectNode entry = Json.JSON.createObjectNode();
    entry.put("manager", manager);
    entry.put("operation", "Apply");
    entry.put("apiVersion", apiVersion);
    entry.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    entry.put("fieldsType", "FieldsV1");
    entry.putObject("fieldsV1");
    return entry;
  }

  private static String queryParameter(String query, String key) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(key)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static MockResponse error(int code, String message) {
    ObjectNode status = Json.JSON.createObjectNode();
    status.put("apiVersion", "v1");
    status.put("kind", "Status");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("code", code);
    return new MockResponse().setResponseCode(code).setBody(status.toString());
  }
}
