package dev.palette.sandbox.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated API server's storage: Fabric8's CRUD dispatcher plus, when the kubelet is on, a
 * simulated kubelet and controller manager that mark workloads ready as they are written.
 *
 * <p>The hook is {@link #processEvent}, through which every create, update and patch passes with
 * the final state just before it is stored and sent to watchers; the status is filled there, so
 * the stored object, the watch event and (via {@link #filled}) the HTTP response all agree. Writes
 * to a {@code /status} subresource are stored as sent, so {@code updateStatus()} keeps working.
 */
class KubeletDispatcher extends KubernetesCrudDispatcher {
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  // The state a write stored after the kubelet filled it in; handlers run on the calling thread
  // under the dispatcher's write lock, so a thread local carries it back to the response.
  private final ThreadLocal<String> filled = new ThreadLocal<>();
  private final AtomicInteger readyNodes = new AtomicInteger();
  private final ServerSideApply serverSideApply = new ServerSideApply(this);
  private final boolean kubelet;

  /** A dispatcher whose writes are marked ready when {@code kubelet}, and stored as sent if not. */
  KubeletDispatcher(boolean kubelet) {
    this.kubelet = kubelet;
  }

  /** Tells the simulated DaemonSet controller how many nodes a daemon pod runs on. */
  void readyNodes(int count) {
    readyNodes.set(count);
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    return withFilledBody(() -> super.handleCreate(request));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    return withFilledBody(() -> super.handleUpdate(request));
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.startsWith(APPLY_PATCH)) {
      return serverSideApply.apply(request);
    }
    return withFilledBody(() -> super.handlePatch(request));
  }

  /** Sends a request to this dispatcher in-process, without HTTP: for seeding and node sync. */
  MockResponse call(HttpMethod method, String path, String contentType, String body) {
    Headers.Builder headers = Headers.builder();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    Buffer buffer = new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    return dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer));
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String state = newState;
    if (kubelet && newState != null && !isStatusPath(path)) {
      String ready = markReady(newState);
      if (ready != null) {
        state = ready;
        filled.set(ready);
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, state);
  }

  private MockResponse withFilledBody(java.util.function.Supplier<MockResponse> handler) {
    try {
      MockResponse response = handler.get();
      String body = filled.get();
      if (body != null && response.code() >= 200 && response.code() < 300) {
        response.setBody(body);
      }
      return response;
    } finally {
      filled.remove();
    }
  }

  private static boolean isStatusPath(String path) {
    int query = path.indexOf('?');
    return (query < 0 ? path : path.substring(0, query)).endsWith("/status");
  }

  /** The object with the status a healthy cluster would give it, or null for kinds left alone. */
  private String markReady(String json) {
    ObjectNode object = (ObjectNode) Json.JSON.readTree(json);
    String kind = object.path("kind").asString("");
    long generation = object.path("metadata").path("generation").asLong(1);
    int replicas = object.path("spec").path("replicas").asInt(1);
    ObjectNode status;
    switch (kind) {
      case "Deployment" -> {
        status = object.putObject("status");
        status.put("observedGeneration", generation);
        status.put("replicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "Available", "MinimumReplicasAvailable");
        condition(conditions, "Progressing", "NewReplicaSetAvailable");
      }
      case "ReplicaSet" -> {
        status = object.putObject("status");
        status.put("observedGeneration", generation);
        status.put("replicas", replicas);
        status.put("fullyLabeledReplicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
      }
      case "StatefulSet" -> {
        status = object.putObject("status");
        String revision = object.path("metadata").path("name").asString("") + "-" + generation;
        status.put("observedGeneration", generation);
        status.put("replicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("currentReplicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("availableReplicas", replicas);
        status.put("currentRevision", revision);
        status.put("updateRevision", revision);
      }
      case "DaemonSet" -> {
        int nodes = readyNodes.get();
        status = object.putObject("status");
        status.put("observedGeneration", generation);
        status.put("desiredNumberScheduled", nodes);
        status.put("currentNumberScheduled", nodes);
        status.put("updatedNumberScheduled", nodes);
        status.put("numberReady", nodes);
        status.put("numberAvailable", nodes);
        status.put("numberMisscheduled", 0);
      }
      case "Pod" -> markPodRunning(object);
      case "Job" -> {
        int completions = object.path("spec").path("completions").asInt(1);
        String now = now();
        status = object.putObject("status");
        status.put("startTime", now);
        status.put("completionTime", now);
        status.put("succeeded", completions);
        status.put("active", 0);
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "Complete", "Completed");
      }
      default -> {
        return null;
      }
    }
    return Json.JSON.writeValueAsString(object);
  }

  private static void markPodRunning(ObjectNode pod) {
    String now = now();
    // A stable, plausible address derived from the pod's uid.
    int hash = pod.path("metadata").path("uid").asString("").hashCode();
    ObjectNode status = pod.putObject("status");
    status.put("phase", "Running");
    status.put("startTime", now);
    status.put("podIP", "10.244." + ((hash >>> 8) & 0xff) + "." + (hash & 0xff));
    status.put("hostIP", "10.0.0." + ((hash >>> 16) & 0x7f));
    ArrayNode conditions = status.putArray("conditions");
    for (String type : new String[] {"PodScheduled", "Initialized", "ContainersReady", "Ready"}) {
      ObjectNode c = conditions.addObject();
      c.put("type", type);
      c.put("status", "True");
      c.put("lastTransitionTime", now);
    }
    ArrayNode containers = status.putArray("containerStatuses");
    for (JsonNode container : pod.path("spec").path("containers")) {
      ObjectNode cs = containers.addObject();
      cs.put("name", container.path("name").asString(""));
      cs.put("image", container.path("image").asString(""));
      cs.put("imageID", container.path("image").asString(""));
      cs.put("ready", true);
      cs.put("started", true);
      cs.put("restartCount", 0);
      cs.putObject("state").putObject("running").put("startedAt", now);
    }
  }

  private static void condition(ArrayNode conditions, String type, String reason) {
    String now = now();
    ObjectNode c = conditions.addObject();
    c.put("type", type);
    c.put("status", "True");
    c.put("reason", reason);
    c.put("lastUpdateTime", now);
    c.put("lastTransitionTime", now);
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
