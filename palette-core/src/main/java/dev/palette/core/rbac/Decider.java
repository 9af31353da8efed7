package dev.palette.core.rbac;

import dev.palette.Principal;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides with the grants the index holds now, without waiting for it: whether a principal holds
 * a permission at tenant level or in a project, in which projects, and what it holds. The admin
 * and {@link Principal#SYSTEM} hold everything; any other principal only what its stored user is
 * granted.
 */
final class Decider {
  private final IndexFollower index;
  private final Principal admin;

  Decider(IndexFollower index, Principal admin) {
    this.index = index;
    this.admin = admin;
  }

  boolean privileged(Principal principal) {
    return principal.equals(admin) || principal.equals(Principal.SYSTEM);
  }

  /** True when the principal holds the permission; {@code project} empty asks about the tenant. */
  boolean allows(Principal principal, String permission, String project) {
    if (privileged(principal)) {
      return true;
    }
    Grants g = grantsOf(principal);
    if (g.tenant().allows(permission)) {
      return true;
    }
    if (project.isEmpty()) {
      return false;
    }
    GrantSet inProject = g.projects().get(project);
    return inProject != null && inProject.allows(permission);
  }

  /** The projects in which the principal holds the permission; every project for a tenant-level grant. */
  Predicate<String> projectsWhere(Principal principal, String permission) {
    if (privileged(principal)) {
      return project -> true;
    }
    Grants g = grantsOf(principal);
    if (g.tenant().allows(permission)) {
      return project -> true;
    }
    Set<String> projects = new HashSet<>();
    g.projects().forEach((project, grants) -> {
      if (grants.allows(permission)) {
        projects.add(project);
      }
    });
    return Set.copyOf(projects)::contains;
  }

  /** The grants held at tenant level, or in a project with the tenant's, sorted; {@code *} when privileged. */
  Set<String> permissions(Principal principal, String project) {
    if (privileged(principal)) {
      return Set.of(Permissions.ALL);
    }
    Grants g = grantsOf(principal);
    Set<String> out = new TreeSet<>(g.tenant().raw);
    GrantSet inProject = project.isEmpty() ? null : g.projects().get(project);
    if (inProject != null) {
      out.addAll(inProject.raw);
    }
    return Collections.unmodifiableSet(out);
  }

  private Grants grantsOf(Principal principal) {
    return principal.type() == Principal.Type.USER ? index.grantsOf(principal.name()) : Grants.NONE;
  }
}
