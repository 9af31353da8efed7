package dev.palette;

import java.util.Set;

/**
 * A whole Kubernetes management plane inside this JVM. Build one with {@link #builder()}, drive it
 * through {@link #clusterMode()} or {@link #appMode()}, and close it when done. Thread-safe.
 *
 * <pre>{@code
 * try (Palette palette = Palette.builder().build()) {
 *   ClusterMode cm = palette.clusterMode();
 *   cm.projects().create(p -> p.name("ml-modeling"));
 *   HostCluster gpu1 = cm.clusters().inProject("ml-modeling")
 *       .create(c -> c.name("gpu-1").cloudType("sandbox").cloudAccount("sandbox") ...)
 *       .await();
 * }
 * }</pre>
 *
 * <p>Closing stops the controllers but not the work they were doing: with a durable store, the next
 * {@code Palette} opened on it carries on where this one stopped.
 */
public interface Palette extends Session, AutoCloseable {
  static PaletteBuilder builder() {
    return new PaletteBuilder();
  }

  /** Cluster Mode, running as the builder's default principal (the tenant admin by default). */
  @Override
  ClusterMode clusterMode();

  /** App Mode, running as the builder's default principal. */
  @Override
  AppMode appMode();

  /**
   * The modes as another principal: {@code palette.as(Principal.user("alice")).clusterMode()}.
   * Calls are authorized against that principal's role bindings.
   */
  Session as(Principal principal);

  /** The ids of the providers this instance can use, for example {@code [sandbox]}. */
  Set<String> providerIds();

  /**
   * Stops the controllers and closes the store and the providers. Idempotent. Afterwards every
   * call on this instance, or on any mode, view or operation obtained from it, throws
   * {@link dev.palette.error.PaletteClosedException}, and so does an {@code await} that was
   * waiting. Forgetting to close never keeps the JVM alive: the library's threads are daemons.
   */
  @Override
  void close();
}
