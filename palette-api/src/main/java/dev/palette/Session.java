package dev.palette;

/**
 * The two modes as seen by one principal. Every call made through a session is authorized for its
 * principal and audited.
 */
public interface Session {
  /** Who the calls run as. */
  Principal principal();

  ClusterMode clusterMode();

  AppMode appMode();
}
