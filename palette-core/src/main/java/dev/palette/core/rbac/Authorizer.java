package dev.palette.core.rbac;

import dev.palette.Principal;
import dev.palette.core.record.RecordCodec;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.Violation;
import dev.palette.model.RoleBindingSpec;
import dev.palette.spi.StateStore;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether a principal holds a permission at tenant level or in a project: the engine's
 * one entry to authorization, wiring the parts that each do one job.
 *
 * <p>A binding at tenant scope grants its role everywhere: at tenant level and in every project. A
 * binding in a project grants its role only there. A team binding applies to each member. Only
 * stored users hold permissions, except the configured admin and {@link Principal#SYSTEM}, which
 * hold them all. A binding to a missing role, or one whose role scope does not match where it is
 * bound, grants nothing ({@link RoleResolver}). Roles are found by slug, and a built-in role wins
 * over a stored role with the same slug.
 *
 * <p>The index of users, teams, custom roles and bindings follows the store's change events
 * ({@link IndexFollower}); each user's effective grants are worked out on first use and cached
 * until the next relevant change ({@link GrantCache}), so {@link #allowed} is two hash lookups.
 * Close it to stop following the store.
 */
public final class Authorizer implements AutoCloseable {
  private final BuiltInRoles builtIn;
  private final IndexFollower index;
  private final Decider decider;
  private final BindingValidator bindings;

  /**
   * Indexes the store's users, teams, roles and bindings and follows its changes.
   *
   * @param admin the principal that may do everything, usually the builder's default principal
   * @param builtIn the built-in roles, made from the engine's permission vocabulary
   */
  public Authorizer(StateStore store, RecordCodec codec, Principal admin, BuiltInRoles builtIn) {
    this.builtIn = builtIn;
    this.index = new IndexFollower(store, codec, builtIn);
    this.decider = new Decider(index, admin);
    this.bindings = new BindingValidator(store, codec, builtIn);
  }

  /** The built-in roles it decides with, and through them the permission vocabulary. */
  public BuiltInRoles builtInRoles() {
    return builtIn;
  }

  /**
   * True when the principal holds the permission; {@code project} empty asks about a tenant-level
   * action, otherwise about an action inside that project.
   */
  public boolean allowed(Principal principal, String permission, String project) {
    // A denial is only final once the index has caught up with every committed write.
    if (decider.allows(principal, permission, project)) {
      return true;
    }
    index.catchUp();
    return decider.allows(principal, permission, project);
  }

  /**
   * Throws the denial unless the principal holds the permission.
   *
   * @throws AccessDeniedException naming the principal, the permission and the scope
   */
  public void check(Principal principal, String permission, String project) {
    if (!allowed(principal, permission, project)) {
      throw denial(principal, permission, project);
    }
  }

  /**
   * The projects in which the principal holds the permission, for filtering lists; tenant-level
   * grants make it true for every project. It reflects the grants at the time of the call.
   */
  public Predicate<String> projectsWhere(Principal principal, String permission) {
    index.catchUp();
    return decider.projectsWhere(principal, permission);
  }

  /** The exception that reports a denial; its scope reads {@code project <name>} or {@code the tenant}. */
  public AccessDeniedException denial(Principal principal, String permission, String project) {
    return new AccessDeniedException(principal.toString(), permission,
        project.isEmpty() ? "the tenant" : "project " + project);
  }

  /**
   * The grants (permissions and wildcards) the principal holds at tenant level, or in a project
   * (tenant-level grants included), sorted; {@code *} for the admin and the system.
   */
  public Set<String> permissions(Principal principal, String project) {
    return decider.permissions(principal, project);
  }

  /**
   * The problems with a role binding before it is stored: a role that does not exist, a subject
   * that does not exist, a project that does not exist, or a role bound at the wrong scope.
   */
  public List<Violation> validateBinding(RoleBindingSpec spec) {
    return bindings.validate(spec);
  }

  /**
   * Returns once the index has applied every change the store had committed when this was called,
   * or after a bounded wait. The facade calls it after each write of a user, team, role or binding,
   * so that the next call of the same program is decided with that write, on stores that deliver
   * their events later too (a revoked binding included, which a denial's catch-up would not see).
   */
  public void catchUp() {
    index.catchUp();
  }

  /**
   * True when the principal held the permission once the index has applied the store's changes up
   * to {@code revision} (a bounded wait; no wait for a revision already applied, or 0). Watches
   * use it to decide each event with the grants in force when it was committed.
   */
  public boolean allowedAt(Principal principal, String permission, String project, long revision) {
    if (decider.privileged(principal)) {
      return true;
    }
    index.awaitRevision(revision);
    return decider.allows(principal, permission, project);
  }

  /** Stops following the store; decisions after this use the last known state. */
  @Override
  public void close() {
    index.close();
  }
}
