package dev.palette.core.frontdoor;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.cost.CostService;
import dev.palette.dsl.AuditLog;
import dev.palette.dsl.Costs;
import dev.palette.dsl.Specs;
import dev.palette.dsl.Tenant;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.model.CostGroup;
import dev.palette.model.CostReport;
import dev.palette.model.RateCard;
import dev.palette.model.TenantLimits;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The parts of the DSL that are no kind of record: the audit log, cost reports and the rate card,
 * and the tenant limits, each authorized and (when it changes something) audited by the guard.
 */
public final class Governance {
  private final Guard guard;
  private final AuditTrail audit;
  private final CostService costs;
  private final TenantLimitGuard limits;

  Governance(Guard guard, AuditTrail audit, CostService costs, TenantLimitGuard limits) {
    this.guard = guard;
    this.audit = audit;
    this.costs = costs;
    this.limits = limits;
  }

  /** The audit log as one principal sees it. */
  public AuditLog audit(Principal caller) {
    return new AuditLog() {
      @Override
      public List<AuditEvent> query(AuditQuery query) {
        Predicate<String> visible = auditScope(caller);
        return audit.query(query).stream().filter(e -> visible.test(e.project())).toList();
      }

      @Override
      public AuditVerification verify() {
        guard.check(caller, Action.AUDIT_LIST, "", "verify");
        return audit.verify();
      }

      @Override
      public void exportCsv(AuditQuery query, Writer out) {
        guard.check(caller, Action.AUDIT_LIST, "", "export");
        audit.exportCsv(query, out);
      }

      @Override
      public void exportJsonLines(AuditQuery query, Writer out) {
        guard.check(caller, Action.AUDIT_LIST, "", "export");
        audit.exportJsonLines(query, out);
      }

      /** Like record watches, each event is authorized when it is appended, with the grants then. */
      @Override
      public Subscription watch(Consumer<AuditEvent> listener) {
        return audit.watch(e -> {
          // Revision 0: decided with the grants applied so far, without waiting under the trail's lock.
          if (guard.allowedAt(caller, Action.AUDIT_LIST, "", 0)
              || (!e.project().isEmpty() && guard.allowedAt(caller, Action.AUDIT_LIST, e.project(), 0))) {
            listener.accept(e);
          }
        });
      }
    };
  }

  // Tenant-level readers see every event; project readers see their projects' events only.
  private Predicate<String> auditScope(Principal caller) {
    if (guard.allowed(caller, Action.AUDIT_LIST, "")) {
      return p -> true;
    }
    Predicate<String> projects = guard.visible(caller, Action.AUDIT_LIST);
    return p -> !p.isEmpty() && projects.test(p);
  }

  /** Costs and the rate card as one principal sees them. */
  public Costs costs(Principal caller) {
    return new Costs() {
      @Override
      public RateCard rateCard() {
        guard.check(caller, Action.COST_GET, "", "rate card");
        return costs.rateCard();
      }

      @Override
      public RateCard updateRateCard(RateCard overrides) {
        guard.check(caller, Action.RATE_CARD_UPDATE, "", "rate card");
        RateCard card = costs.updateRateCard(overrides);
        guard.done(caller, Action.RATE_CARD_UPDATE, "", "rate card", "updated the rate card overrides");
        return card;
      }

      @Override
      public CostReport report(Instant from, Instant to, CostGroup groupBy) {
        return costs.report(from, to, groupBy, guard.visible(caller, Action.COST_GET));
      }
    };
  }

  /** The tenant's settings as one principal sees them. */
  public Tenant tenant(Principal caller) {
    return new Tenant() {
      @Override
      public TenantLimits limits() {
        return limits.limits();
      }

      @Override
      public TenantLimits updateLimits(Consumer<TenantLimits.Builder> changes) {
        guard.check(caller, Action.TENANT_LIMITS_UPDATE, "", "limits");
        TenantLimits next = limits.update(
            Specs.build("TenantLimits", limits.limits().toBuilder(), changes, TenantLimits.Builder::build));
        guard.done(caller, Action.TENANT_LIMITS_UPDATE, "", "limits", "updated tenant limits");
        return next;
      }
    };
  }
}
