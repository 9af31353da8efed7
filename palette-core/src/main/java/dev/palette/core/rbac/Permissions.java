package dev.palette.core.rbac;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The permission vocabulary, made of the resources and verbs handed in (each kind's row from the
 * kind registry, and the engine services'): a permission is {@code resource.operation}, for
 * example {@code cluster.create}. A grant may also be a wildcard: {@code *} (everything),
 * {@code resource.*} (every operation on one resource) or {@code *.operation} (one operation on
 * every resource that has it).
 */
public final class Permissions {
  /** Everything, everywhere the grant applies. */
  public static final String ALL = "*";

  private final List<ResourceVerbs> rows;
  private final Map<String, List<String>> verbsByResource;
  private final Set<String> operations;
  private final Set<String> exact;
  // The verbs every resource has, which messages list apart from the rest.
  private final List<String> common;

  /**
   * @param resources one row per resource, in the order messages list them
   * @throws IllegalArgumentException when two rows name the same resource, or there are none
   */
  public Permissions(List<ResourceVerbs> resources) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("the permission vocabulary needs at least one resource");
    }
    Map<String, List<String>> byResource = new LinkedHashMap<>();
    Set<String> ops = new LinkedHashSet<>();
    Set<String> perms = new LinkedHashSet<>();
    for (ResourceVerbs r : resources) {
      if (byResource.put(r.resource(), r.verbs()) != null) {
        throw new IllegalArgumentException("two rows of the permission vocabulary name " + r.resource());
      }
      ops.addAll(r.verbs());
      r.verbs().forEach(v -> perms.add(of(r.resource(), v)));
    }
    List<String> shared = new ArrayList<>(resources.get(0).verbs());
    byResource.values().forEach(shared::retainAll);
    this.rows = List.copyOf(resources);
    this.verbsByResource = byResource;
    this.operations = Set.copyOf(ops);
    this.exact = Set.copyOf(perms);
    this.common = List.copyOf(shared);
  }

  /** {@code resource.operation}. */
  public static String of(String resource, String operation) {
    return resource + '.' + operation;
  }

  /** The rows the vocabulary was made of, in the order they were handed in. */
  public List<ResourceVerbs> rows() {
    return rows;
  }

  /** The resources, in the order they were handed in. */
  public List<String> resources() {
    return List.copyOf(verbsByResource.keySet());
  }

  /** True for a resource of the vocabulary. */
  public boolean hasResource(String resource) {
    return verbsByResource.containsKey(resource);
  }

  /**
   * The operations one resource has, in the order its row lists them.
   *
   * @throws IllegalArgumentException for a resource outside the vocabulary
   */
  public List<String> operationsOf(String resource) {
    List<String> verbs = verbsByResource.get(resource);
    if (verbs == null) {
      throw new IllegalArgumentException("no resource '" + resource + "' in the permission vocabulary");
    }
    return verbs;
  }

  /** True for a permission or wildcard grant made of known resources and operations. */
  public boolean isKnown(String permission) {
    if (permission == null) {
      return false;
    }
    if (ALL.equals(permission) || exact.contains(permission)) {
      return true;
    }
    int dot = permission.indexOf('.');
    if (dot < 0) {
      return false;
    }
    String resource = permission.substring(0, dot);
    String operation = permission.substring(dot + 1);
    if (ALL.equals(operation)) {
      return verbsByResource.containsKey(resource);
    }
    return ALL.equals(resource) && operations.contains(operation);
  }

  /**
   * The problems with a set of grants, each under {@code field[index]}; empty when every grant is
   * known. An empty set is a problem too, since a role that grants nothing is a mistake.
   */
  public List<Violation> violations(String field, Collection<String> permissions) {
    List<Violation> out = new ArrayList<>();
    if (permissions.isEmpty()) {
      out.add(new Violation(field, "must hold at least one permission, for example cluster.get"));
    }
    int i = 0;
    for (String p : permissions) {
      if (!isKnown(p)) {
        out.add(new Violation(field + "[" + i + "]", "unknown permission '" + p + "'; " + vocabulary()));
      }
      i++;
    }
    return out;
  }

  /**
   * Refuses grants that name an unknown resource or operation.
   *
   * @throws ValidationException listing every unknown grant and the known vocabulary
   */
  public void validate(String what, Collection<String> permissions) {
    List<Violation> problems = violations("permissions", permissions);
    if (!problems.isEmpty()) {
      throw new ValidationException(what, problems);
    }
  }

  /** The known vocabulary, in one sentence for error messages. */
  public String vocabulary() {
    StringBuilder special = new StringBuilder();
    verbsByResource.forEach((resource, verbs) -> {
      for (String op : verbs) {
        if (!common.contains(op)) {
          special.append(special.length() == 0 ? "" : ", ").append(of(resource, op));
        }
      }
    });
    return "use resource.operation or a wildcard (*, resource.*, *.operation) with resources "
        + resources() + ", operations " + common + " and the special operations [" + special + "]";
  }
}
