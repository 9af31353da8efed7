package dev.palette.core.frontdoor;

import dev.palette.Principal;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.rbac.Authorizer;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditOutcome;
import dev.palette.model.Resource;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.Team;
import dev.palette.model.User;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/** The one place the front door asks who may do what, and records what was done or refused. */
public final class Guard {
  /** How much of a refused caller's requested name a denial repeats: a Kubernetes name's length. */
  static final int ECHO_LIMIT = 63;
  // The kinds the authorizer indexes: a change to one of them can change a decision.
  private static final Set<String> GRANT_KINDS =
      Set.of(User.KIND, Team.KIND, Role.KIND, RoleBinding.KIND);
  private final Authorizer authorizer;
  private final AuditTrail audit;
  private final Records records;

  Guard(Authorizer authorizer, AuditTrail audit, Records records) {
    this.authorizer = authorizer;
    this.audit = audit;
    this.records = records;
  }

  /**
   * Lets the call through, or audits the denial and throws.
   *
   * @param project the project acted in, or empty for a tenant-level action
   * @throws dev.palette.error.AccessDeniedException when the principal lacks the permission
   */
  public void check(Principal caller, Action action, String project, String name) {
    if (!authorizer.allowed(caller, action.permission(), project)) {
      // The name and project were asked for, not validated: the denial keeps a short prefix.
      String where = echo(project);
      audit.appendLater(caller, AuditAction.DENY, action.permission(), action.kind(), echo(name), where,
          AuditOutcome.DENIED, echo(caller.name()) + " lacks " + action.permission() + " in " + scope(where));
      throw authorizer.denial(caller, action.permission(), where);
    }
  }

  /** At most {@value #ECHO_LIMIT} code points of an unvalidated value, marked when cut. */
  static String echo(String value) {
    if (value.codePointCount(0, value.length()) <= ECHO_LIMIT) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, ECHO_LIMIT)) + "…";
  }

  /**
   * Audits a successful mutation. The message must never hold a secret. After a change to who
   * holds what, it returns once the authorizer has applied it, so the caller's next call is
   * decided with it on every store.
   */
  public void done(Principal caller, Action action, String project, String name, String message) {
    audit.appendLater(caller, action.audit(), action.permission(), action.kind(), name, project,
        AuditOutcome.SUCCESS, message);
    applied(action);
  }

  // Outside the trail's lock: the store's event thread may need it while the index catches up.
  private void applied(Action action) {
    if (GRANT_KINDS.contains(action.kind())) {
      authorizer.catchUp();
    }
  }

  /**
   * Makes a change to one record and audits it as one step: {@code write} gets the sequence of the
   * event that will record it, to stamp on the record (see {@link AuditTrail#appendAfter}). When it
   * throws, nothing is audited.
   */
  public <R extends Resource<?>> R write(Principal caller, Action action, String project, String name,
      LongFunction<R> write, Function<? super R, String> message) {
    if (GRANT_KINDS.contains(action.kind())) {
      // Audit watchers are authorized at delivery: events queued before a grant change go out first.
      audit.flush();
    }
    R result = audit.appendAfter(caller, action.audit(), action.permission(), action.kind(), name,
        project, sequence -> {
          R written = write.apply(sequence);
          return new AuditTrail.Change<>(written, written.metadata().id(), message.apply(written));
        });
    applied(action);
    return result;
  }

  /** Updates a record (compare-and-set) stamped with its audit event, and appends the event. */
  public <R extends Resource<?>> R update(Principal caller, Action action, String project, String name,
      RecordKind<R> kind, R record, Function<? super R, String> message) {
    return write(caller, action, project, name,
        sequence -> records.update(kind, Records.stamped(kind, record, sequence)), message);
  }

  /** The projects in which the principal holds the action's permission, for filtering lists. */
  public Predicate<String> visible(Principal caller, Action action) {
    return authorizer.projectsWhere(caller, action.permission());
  }

  /** Whether the principal held the permission at a store revision; for deciding each watched event. */
  public boolean allowedAt(Principal caller, Action action, String project, long revision) {
    return authorizer.allowedAt(caller, action.permission(), project, revision);
  }

  public boolean allowed(Principal caller, Action action, String project) {
    return authorizer.allowed(caller, action.permission(), project);
  }

  private static String scope(String project) {
    return project.isEmpty() ? "the tenant" : "project " + project;
  }
}
