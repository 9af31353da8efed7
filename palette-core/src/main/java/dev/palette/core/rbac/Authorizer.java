package dev.palette.core.rbac;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.error.AccessDeniedException;
import dev.palette.error.PaletteException;
import dev.palette.error.Violation;
import dev.palette.model.Project;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a principal holds a permission at tenant level or in a project.
 *
 * <p>A binding at tenant scope grants its role everywhere: at tenant level and in every project. A
 * binding in a project grants its role only there. A team binding applies to each member. Only
 * stored users hold permissions, except the configured admin and {@link Principal#SYSTEM}, which
 * hold them all. A binding to a missing role, or one whose role scope does not match where it is
 * bound, grants nothing. Roles are found by slug, and a built-in role wins over a stored role with
 * the same slug.
 *
 * <p>The authorizer indexes users, teams, custom roles and role bindings from the store and keeps
 * the index current from the store's change events. Each user's effective grants are computed on
 * first use and cached until the next relevant change, so {@link #allowed} is two hash lookups.
 * Close it to stop following the store.
 */
public final class Authorizer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
  private static final Set<String> INDEXED = Set.of(
      RecordKind.USER.name(), RecordKind.TEAM.name(), RecordKind.ROLE.name(),
      RecordKind.ROLE_BINDING.name());

  private final StateStore store;
  private final RecordCodec codec;
  private final Principal admin;

  // Guards the index below; change events and grant computation both take it.
  private static final java.time.Duration CATCH_UP_LIMIT = java.time.Duration.ofSeconds(2);
  private final Object lock = new Object();
  // The newest store revision this index has seen; stores may deliver events after a write returns.
  // Written under the lock; volatile so that a check for an applied revision takes no lock.
  private volatile long seenRevision;
  private volatile boolean closed;
  private final Map<String, Long> revisions = new HashMap<>();
  private final Map<String, String> userNameById = new HashMap<>();
  private final Set<String> users = new HashSet<>();
  private final Map<String, TeamEntry> teamsById = new HashMap<>();
  private final Map<String, Set<String>> teamsByMember = new HashMap<>();
  private final Map<String, String> roleSlugById = new HashMap<>();
  private final Map<String, RoleSpec> customRoles = new HashMap<>();
  private final Map<String, Binding> bindingsById = new HashMap<>();
  private final Map<String, Map<String, Binding>> userBindings = new HashMap<>();
  private final Map<String, Map<String, Binding>> teamBindings = new HashMap<>();
  // Events that arrive while the initial listing is loaded; replayed after it, in order.
  private List<StoreEvent> pending = new ArrayList<>();

  private volatile Cache cache = new Cache();
  private final Subscription subscription;

  /**
   * Indexes the store's users, teams, roles and bindings and follows its changes.
   *
   * @param admin the principal that may do everything, usually the builder's default principal
   */
  public Authorizer(StateStore store, RecordCodec codec, Principal admin) {
    this.store = store;
    this.codec = codec;
    this.admin = admin;
    // Subscribe before listing, so that no change falls between the listing and the first event.
    this.subscription = store.watch(store.revision(), this::onEvent);
    long listedAt = store.revision();
    List<StoredRecord> initial = new ArrayList<>();
    for (String kind : INDEXED) {
      initial.addAll(store.list(RecordQuery.all(kind)).records());
    }
    synchronized (lock) {
      for (StoredRecord r : initial) {
        apply(StoreEvent.Type.CREATED, r);
      }
      for (StoreEvent e : pending) {
        apply(e.type(), e.record());
      }
      pending = null;
      seenRevision = Math.max(seenRevision, listedAt);
      changed();
    }
  }

  /**
   * True when the principal holds the permission; {@code project} empty asks about a tenant-level
   * action, otherwise about an action inside that project.
   */
  public boolean allowed(Principal principal, String permission, String project) {
    // A denial is only final once the index has caught up with every committed write.
    if (decide(principal, permission, project)) {
      return true;
    }
    catchUp();
    return decide(principal, permission, project);
  }

  private boolean decide(Principal principal, String permission, String project) {
    if (privileged(principal)) {
      return true;
    }
    Grants g = grantsOf(principal);
    if (g.tenant.allows(permission)) {
      return true;
    }
    if (project.isEmpty()) {
      return false;
    }
    GrantSet inProject = g.projects.get(project);
    return inProject != null && inProject.allows(permission);
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
    catchUp();
    if (privileged(principal)) {
      return project -> true;
    }
    Grants g = grantsOf(principal);
    if (g.tenant.allows(permission)) {
      return project -> true;
    }
    Set<String> projects = new HashSet<>();
    g.projects.forEach((project, grants) -> {
      if (grants.allows(permission)) {
        projects.add(project);
      }
    });
    return Set.copyOf(projects)::contains;
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
    if (privileged(principal)) {
      return Set.of(Permissions.ALL);
    }
    Grants g = grantsOf(principal);
    Set<String> out = new TreeSet<>(g.tenant.raw);
    GrantSet inProject = project.isEmpty() ? null : g.projects.get(project);
    if (inProject != null) {
      out.addAll(inProject.raw);
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * The problems with a role binding before it is stored: a role that does not exist, a subject
   * that does not exist, a project that does not exist, or a role bound at the wrong scope.
   */
  public List<Violation> validateBinding(RoleBindingSpec spec) {
    List<Violation> out = new ArrayList<>();
    // Read from the store, not the index: a user, team or role created by the previous call must
    // count even on a store that delivers its events to the index later.
    String slug = BuiltInRoles.slug(spec.role());
    RoleSpec role = BuiltInRoles.find(slug).orElseGet(() -> store.getByName(RecordKind.ROLE.name(), "", slug)
        .map(r -> codec.decode(RecordKind.ROLE, r).spec()).orElse(null));
    String subjectKind = spec.subjectKind() == SubjectKind.USER ? RecordKind.USER.name() : RecordKind.TEAM.name();
    boolean subjectExists = store.getByName(subjectKind, "", spec.subject()).isPresent();
    if (role == null) {
      out.add(new Violation("role", "unknown role '" + spec.role()
          + "'; use a built-in role such as Cluster Viewer or a custom role of the tenant"));
    }
    if (!subjectExists) {
      String kind = spec.subjectKind() == SubjectKind.USER ? "user" : "team";
      out.add(new Violation("subject", "no " + kind + " named '" + spec.subject()
          + "'; create the " + kind + " first"));
    }
    boolean tenantBinding = spec.project().isEmpty();
    if (role != null && role.scope() == RoleScope.PROJECT && tenantBinding) {
      out.add(new Violation("project", "'" + role.name()
          + "' is a project role; name the project to bind it in"));
    } else if (role != null && role.scope() == RoleScope.TENANT && !tenantBinding) {
      out.add(new Violation("project", "'" + role.name()
          + "' is a tenant role; bind it with an empty project"));
    } else if (!tenantBinding && store.getByName(Project.KIND, "", spec.project()).isEmpty()) {
      out.add(new Violation("project", "no project named '" + spec.project() + "'"));
    }
    return out;
  }

  /** Stops following the store; decisions after this use the last known state. */
  @Override
  public void close() {
    subscription.close();
    synchronized (lock) {
      // Nothing advances the index any more: wake and release whoever waits for it.
      closed = true;
      lock.notifyAll();
    }
  }

  private boolean privileged(Principal principal) {
    return principal.equals(admin) || principal.equals(Principal.SYSTEM);
  }

  private Grants grantsOf(Principal principal) {
    if (principal.type() != Principal.Type.USER) {
      return Grants.NONE;
    }
    String name = principal.name();
    Grants g = cache.grants.get(name);
    if (g != null) {
      return g;
    }
    synchronized (lock) {
      Cache current = cache;
      g = current.grants.get(name);
      if (g == null) {
        g = compute(name);
        // Names that are not users are not cached, so that arbitrary callers cannot grow the cache.
        if (g != Grants.NONE) {
          current.grants.put(name, g);
        }
      }
      return g;
    }
  }

  // Called with the lock held.
  private Grants compute(String user) {
    if (!users.contains(user)) {
      return Grants.NONE;
    }
    GrantSet.Builder tenant = new GrantSet.Builder();
    Map<String, GrantSet.Builder> projects = new HashMap<>();
    addAll(userBindings.get(user), tenant, projects);
    for (String team : teamsByMember.getOrDefault(user, Set.of())) {
      addAll(teamBindings.get(team), tenant, projects);
    }
    Map<String, GrantSet> built = new HashMap<>();
    projects.forEach((project, b) -> built.put(project, b.build()));
    return new Grants(tenant.build(), Map.copyOf(built));
  }

  private void addAll(Map<String, Binding> bindings, GrantSet.Builder tenant,
      Map<String, GrantSet.Builder> projects) {
    if (bindings == null) {
      return;
    }
    for (Binding b : bindings.values()) {
      RoleSpec role = roleFor(b.roleSlug);
      if (role == null) {
        continue;
      }
      // A role bound at the wrong scope grants nothing: validation should have refused it.
      if (b.project.isEmpty() && role.scope() == RoleScope.TENANT) {
        tenant.addAll(role.permissions());
      } else if (!b.project.isEmpty() && role.scope() == RoleScope.PROJECT) {
        projects.computeIfAbsent(b.project, p -> new GrantSet.Builder()).addAll(role.permissions());
      }
    }
  }

  private RoleSpec roleFor(String slug) {
    return BuiltInRoles.find(slug).orElseGet(() -> customRoles.get(slug));
  }

  /**
   * Returns once the index has applied every change the store had committed when this was called,
   * or after a bounded wait. The facade calls it after each write of a user, team, role or binding,
   * so that the next call of the same program is decided with that write, on stores that deliver
   * their events later too (a revoked binding included, which a denial's catch-up would not see).
   */
  public void catchUp() {
    awaitRevision(store.revision());
  }

  /**
   * True when the principal held the permission once the index has applied the store's changes up
   * to {@code revision} (a bounded wait; no wait for a revision already applied, or 0). Watches
   * use it to decide each event with the grants in force when it was committed.
   */
  public boolean allowedAt(Principal principal, String permission, String project, long revision) {
    if (privileged(principal)) {
      return true;
    }
    awaitRevision(revision);
    return decide(principal, permission, project);
  }

  private void awaitRevision(long target) {
    if (seenRevision >= target || closed) {
      return;
    }
    synchronized (lock) {
      long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
      try {
        while (seenRevision < target && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.warn("the authorization index is at revision {} of {} after {}; deciding with it",
                seenRevision, target, CATCH_UP_LIMIT);
            break;
          }
          lock.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void onEvent(StoreEvent event) {
    synchronized (lock) {
      if (INDEXED.contains(event.record().kind())) {
        if (pending != null) {
          pending.add(event);
        } else if (apply(event.type(), event.record())) {
          changed();
        }
      }
      // Advanced only after the change is in the index, so that catchUp() never returns early.
      if (event.record().revision() > seenRevision) {
        seenRevision = event.record().revision();
        lock.notifyAll();
      }
    }
  }

  // Called with the lock held. Returns true when the index changed.
  private boolean apply(StoreEvent.Type type, StoredRecord record) {
    Long known = revisions.get(record.id());
    if (known != null && known >= record.revision()) {
      return false;
    }
    if (type == StoreEvent.Type.DELETED) {
      if (known == null) {
        return false;
      }
      remove(record.kind(), record.id());
      revisions.remove(record.id());
      return true;
    }
    remove(record.kind(), record.id());
    revisions.put(record.id(), record.revision());
    try {
      add(record);
    } catch (PaletteException e) {
      // An unreadable record grants nothing; the store's writer must not fail because of it.
      LOG.warn("ignoring {} for authorization: {}", record.describe(), e.getMessage());
    }
    return true;
  }

  private void add(StoredRecord record) {
    String id = record.id();
    switch (record.kind()) {
      case "User" -> {
        String name = codec.decode(RecordKind.USER, record).name();
        userNameById.put(id, name);
        users.add(name);
      }
      case "Team" -> {
        Team team = codec.decode(RecordKind.TEAM, record);
        TeamEntry t = new TeamEntry(team.name(), List.copyOf(team.spec().members()));
        teamsById.put(id, t);
        for (String member : t.members) {
          teamsByMember.computeIfAbsent(member, m -> new HashSet<>()).add(t.name);
        }
      }
      case "Role" -> {
        RoleSpec spec = codec.decode(RecordKind.ROLE, record).spec();
        String slug = BuiltInRoles.slug(spec.name());
        roleSlugById.put(id, slug);
        customRoles.put(slug, spec);
      }
      case "RoleBinding" -> {
        RoleBindingSpec spec = codec.decode(RecordKind.ROLE_BINDING, record).spec();
        Binding b = new Binding(spec.subjectKind(), spec.subject(),
            BuiltInRoles.slug(spec.role()), spec.project());
        bindingsById.put(id, b);
        bindingsOf(b.kind).computeIfAbsent(b.subject, s -> new HashMap<>()).put(id, b);
      }
      default -> throw new IllegalStateException("not an indexed kind: " + record.kind());
    }
  }

  private void remove(String kind, String id) {
    switch (kind) {
      case "User" -> {
        String name = userNameById.remove(id);
        if (name != null) {
          users.remove(name);
        }
      }
      case "Team" -> {
        TeamEntry t = teamsById.remove(id);
        if (t != null) {
          for (String member : t.members) {
            Set<String> of = teamsByMember.get(member);
            if (of != null && of.remove(t.name) && of.isEmpty()) {
              teamsByMember.remove(member);
            }
          }
        }
      }
      case "Role" -> {
        String slug = roleSlugById.remove(id);
        if (slug != null) {
          customRoles.remove(slug);
        }
      }
      case "RoleBinding" -> {
        Binding b = bindingsById.remove(id);
        if (b != null) {
          Map<String, Map<String, Binding>> bySubject = bindingsOf(b.kind);
          Map<String, Binding> of = bySubject.get(b.subject);
          if (of != null && of.remove(id) != null && of.isEmpty()) {
            bySubject.remove(b.subject);
          }
        }
      }
      default -> throw new IllegalStateException("not an indexed kind: " + kind);
    }
  }

  private Map<String, Map<String, Binding>> bindingsOf(SubjectKind kind) {
    return kind == SubjectKind.USER ? userBindings : teamBindings;
  }

  // Called with the lock held: a new cache, so grants computed before this change are dropped.
  private void changed() {
    cache = new Cache();
  }

  /** Grants computed against one version of the index; any change starts a new, empty cache. */
  private static final class Cache {
    final ConcurrentHashMap<String, Grants> grants = new ConcurrentHashMap<>();
  }

  private record TeamEntry(String name, List<String> members) {}

  private record Binding(SubjectKind kind, String subject, String roleSlug, String project) {}

  /** One user's effective grants: tenant-level, and per project. */
  private record Grants(GrantSet tenant, Map<String, GrantSet> projects) {
    static final Grants NONE = new Grants(GrantSet.EMPTY, Map.of());
  }

  /**
   * A set of grants split by shape, so a check is set lookups: exact permissions, resources with
   * every operation, operations on every resource, and everything.
   */
  static final class GrantSet {
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
}
