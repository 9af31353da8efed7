package dev.palette.core.frontdoor;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.audit.AuditTrail;
import dev.palette.core.cost.CostService;
import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindRegistry;
import dev.palette.core.rbac.Authorizer;
import dev.palette.core.rbac.BuiltInRoles;
import dev.palette.core.rbac.Permissions;
import dev.palette.core.rbac.StandardResources;
import dev.palette.core.record.Records;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The front door's parts wired together and connected to the store's events. */
public final class Engine implements AutoCloseable {
  private final FrontDoor door;
  private final Awaiter awaiter;
  private final Governance governance;
  private final EventHub events;
  private final Authorizer authorizer;
  private final Subscription storeEvents;

  private Engine(FrontDoor door, Governance governance, EventHub events, Authorizer authorizer,
      Subscription storeEvents) {
    this.door = door;
    this.awaiter = new Awaiter(door);
    this.governance = governance;
    this.events = events;
    this.authorizer = authorizer;
    this.storeEvents = storeEvents;
  }

  /**
   * Builds the front door for the registered kinds.
   *
   * @param services what the kinds' validators may ask for by type (the authorizer is added)
   */
  public static Engine start(Records records, KindRegistry kinds, Map<Class<?>, Object> services,
      AuditTrail audit, CostService costs, Principal admin, Clock clock) {
    EventHub hub = new EventHub();
    Subscription storeEvents = records.store().watch(records.store().revision(), hub::accept);
    Authorizer authorizer = new Authorizer(records.store(), records.codec(), admin,
        new BuiltInRoles(new Permissions(StandardResources.with(kinds.verbsByResource()))));
    Guard guard = new Guard(authorizer, audit, records);
    TenantLimitGuard limits = new TenantLimitGuard(records.store(), records.codec());
    Dependents dependents = new Dependents(records, clock);
    Creates creates = new Creates(guard, new KindQuota(records.store(), records.codec(), limits::limits, clock),
        dependents);
    Map<Class<?>, Object> all = new HashMap<>(services);
    all.put(Authorizer.class, authorizer);
    all.put(BuiltInRoles.class, authorizer.builtInRoles());
    KindContext context = new KindContext() {
      @Override
      public Records records() {
        return records;
      }

      @Override
      public <T> T service(Class<T> type) {
        Object service = all.get(type);
        if (service == null) {
          throw new IllegalStateException("the engine has no " + type.getSimpleName());
        }
        return type.cast(service);
      }
    };
    FrontDoor door = new FrontDoor(records, kinds, context, guard, creates, dependents, hub, clock);
    return new Engine(door, new Governance(guard, audit, costs, limits), hub, authorizer, storeEvents);
  }

  public FrontDoor door() {
    return door;
  }

  /** Operations that follow a record of any kind with a status. */
  public Awaiter awaiter() {
    return awaiter;
  }

  public Governance governance() {
    return governance;
  }

  @Override
  public void close() {
    storeEvents.close();
    authorizer.close();
    events.close();
  }
}
