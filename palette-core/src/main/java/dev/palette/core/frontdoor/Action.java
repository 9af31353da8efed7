package dev.palette.core.frontdoor;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.KindRegistry;
import dev.palette.model.AuditAction;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the authorization table: an operation, the permission it needs and how it is
 * audited. Reads ({@code audit == null}) are checked but not audited unless denied.
 *
 * <p>The table is derived: every registered kind contributes one action per verb of its
 * descriptor ({@code cluster.create}, {@code cluster.kubeconfig}…), and the few operations that
 * are not about a kind (audit, cost, tenant limits) are the constants below. Nothing else decides
 * who may do what; {@code AuthorizationMatrixTest} holds a row for every action.
 *
 * @param permission {@code resource.verb}
 * @param audit how a success is audited; {@code null} for reads
 * @param kind the record kind (or report) the action is about, for audit events
 */
public record Action(String permission, AuditAction audit, String kind) {
  public static final Action AUDIT_LIST = new Action("audit.list", null, "AuditEvent");
  public static final Action COST_GET = new Action("cost.get", null, "CostReport");
  public static final Action RATE_CARD_UPDATE = new Action("cost.update", AuditAction.UPDATE, "RateCard");
  public static final Action TENANT_LIMITS_UPDATE = new Action("tenant.update", AuditAction.UPDATE, "TenantLimits");

  /** The action of one verb of a kind. */
  public static Action of(KindDescriptor<?, ?, ?> kind, String verb) {
    if (!kind.verbs().contains(verb)) {
      throw new IllegalArgumentException(kind.name() + " has no verb " + verb + "; it has " + kind.verbs());
    }
    AuditAction audit = switch (verb) {
      case "create" -> AuditAction.CREATE;
      case "update" -> AuditAction.UPDATE;
      case "delete" -> AuditAction.DELETE;
      default -> null;
    };
    return new Action(kind.resource() + "." + verb, audit, kind.name());
  }

  /** The whole table: kind × verb for every registered kind, then the actions on no kind. */
  public static List<Action> all(KindRegistry kinds) {
    List<Action> out = new ArrayList<>();
    for (KindDescriptor<?, ?, ?> kind : kinds.all()) {
      kind.verbs().forEach(verb -> out.add(of(kind, verb)));
    }
    out.addAll(List.of(AUDIT_LIST, COST_GET, RATE_CARD_UPDATE, TENANT_LIMITS_UPDATE));
    return List.copyOf(out);
  }

  public boolean mutates() {
    return audit != null;
  }
}
