package dev.palette.core.facade;

import dev.palette.ClusterMode;
import dev.palette.Principal;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.cost.CostService;
import dev.palette.core.provider.ProviderRegistry;
import dev.palette.core.rbac.Authorizer;
import dev.palette.core.record.Records;
import dev.palette.core.tenancy.TenantLimitGuard;
import java.time.Clock;

/** The facade's parts wired together: the guard, the limits and the two facades behind the views. */
public final class Engine implements AutoCloseable {
  private final Facade facade;
  private final TenancyFacade tenancy;
  private final EventHub events;
  private final Authorizer authorizer;

  private Engine(Facade facade, TenancyFacade tenancy, EventHub events, Authorizer authorizer) {
    this.facade = facade;
    this.tenancy = tenancy;
    this.events = events;
    this.authorizer = authorizer;
  }

  /** Builds the facades and connects them to the store's events. */
  public static Engine start(Records records, ProviderRegistry providers, AuditTrail audit, CostService costs,
      Principal admin, Clock clock) {
    EventHub hub = new EventHub();
    records.store().watch(hub);
    Authorizer authorizer = new Authorizer(records.store(), records.codec(), admin);
    Guard guard = new Guard(authorizer, audit, records);
    TenantLimitGuard limits = new TenantLimitGuard(records.store(), records.codec(), clock);
    Dependents dependents = new Dependents(records, clock);
    Creates creates = new Creates(guard, limits, dependents);
    Facade facade = new Facade(records, providers, hub, guard, creates, dependents, clock);
    TenancyFacade tenancy =
        new TenancyFacade(records, guard, authorizer, audit, costs, limits, creates, dependents, clock);
    return new Engine(facade, tenancy, hub, authorizer);
  }

  /** Cluster Mode as seen by one principal. */
  public ClusterMode clusterMode(Principal principal) {
    return Views.clusterMode(facade, tenancy, principal);
  }

  @Override
  public void close() {
    authorizer.close();
    events.close();
  }
}
