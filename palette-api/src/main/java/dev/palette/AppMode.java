package dev.palette;

/**
 * App Mode: the developer's view of the engine, for app profiles and deployments onto virtual
 * clusters. It shares one engine and one state with {@link ClusterMode}; switching between the two
 * is free, as in Palette's user menu.
 */
public interface AppMode {
  /** The principal calls through this view run as. */
  Principal principal();

  /** The Cluster Mode view of the same state. */
  ClusterMode clusterMode();
}
