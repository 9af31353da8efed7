package dev.palette.core.rbac;

import java.util.List;
import java.util.Objects;

/**
 * One resource of the permission vocabulary, as a kind (or an engine service such as the audit
 * log) declares it: the name permissions use, its verbs, and the display name of its built-in
 * project roles.
 *
 * @param resource the name permissions use, for example {@code cluster} in {@code cluster.get}
 * @param verbs every operation it has, for example create, get, list, update, delete, kubeconfig
 * @param roleName the display name of its {@code Admin}, {@code Editor} and {@code Viewer} project
 *     roles, for example {@code Cluster}; empty when it has none of its own
 */
public record ResourceVerbs(String resource, List<String> verbs, String roleName) {
  /** The verbs every record kind has. */
  public static final List<String> COMMON = List.of("create", "get", "list", "update", "delete");

  /** Copies the verbs; refuses a blank resource or no verbs. */
  public ResourceVerbs {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(roleName, "roleName");
    verbs = List.copyOf(verbs);
    if (resource.isBlank() || resource.contains(".") || resource.equals(Permissions.ALL)) {
      throw new IllegalArgumentException("a resource is a name without dots, not '" + resource + "'");
    }
    if (verbs.isEmpty()) {
      throw new IllegalArgumentException("resource " + resource + " needs at least one verb");
    }
  }

  /** A record kind's resource: the common verbs, then its own. */
  public static ResourceVerbs kind(String resource, String roleName, String... ownVerbs) {
    List<String> all = new java.util.ArrayList<>(COMMON);
    all.addAll(List.of(ownVerbs));
    return new ResourceVerbs(resource, all, roleName);
  }
}
