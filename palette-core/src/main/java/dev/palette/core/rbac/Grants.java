package dev.palette.core.rbac;

import java.util.Map;

/** One user's effective grants: tenant-level, and per project. */
record Grants(GrantSet tenant, Map<String, GrantSet> projects) {
  static final Grants NONE = new Grants(GrantSet.EMPTY, Map.of());
}
