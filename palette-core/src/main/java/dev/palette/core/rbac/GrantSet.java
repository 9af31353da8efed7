package dev.palette.core.rbac;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of grants split by shape, so a check is set lookups: exact permissions, resources with
 * every operation, operations on every resource, and everything.
 */
final class GrantSet {
  static final GrantSet EMPTY = new Builder().build();

  final boolean all;
  final Set<String> exact;
  final Set<String> resources;
  final Set<String> operations;
  final Set<String> raw;
  private final boolean wildcards;

  private GrantSet(Builder b) {
    this.all = b.all;
    this.exact = Set.copyOf(b.exact);
    this.resources = Set.copyOf(b.resources);
    this.operations = Set.copyOf(b.operations);
    this.raw = Set.copyOf(b.raw);
    this.wildcards = !resources.isEmpty() || !operations.isEmpty();
  }

  boolean allows(String permission) {
    if (all || exact.contains(permission)) {
      return true;
    }
    if (!wildcards) {
      return false;
    }
    int dot = permission.indexOf('.');
    if (dot < 0) {
      return false;
    }
    return (!resources.isEmpty() && resources.contains(permission.substring(0, dot)))
        || (!operations.isEmpty() && operations.contains(permission.substring(dot + 1)));
  }

  static final class Builder {
    private boolean all;
    private final Set<String> exact = new HashSet<>();
    private final Set<String> resources = new HashSet<>();
    private final Set<String> operations = new HashSet<>();
    private final Set<String> raw = new HashSet<>();

    Builder addAll(Iterable<String> grants) {
      for (String g : grants) {
        raw.add(g);
        if (Permissions.ALL.equals(g)) {
          all = true;
        } else if (g.startsWith("*.")) {
          operations.add(g.substring(2));
        } else if (g.endsWith(".*")) {
          resources.add(g.substring(0, g.length() - 2));
        } else {
          exact.add(g);
        }
      }
      return this;
    }

    GrantSet build() {
      return new GrantSet(this);
    }
  }
}
