package dev.palette.core.rbac;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The permission vocabulary: a permission is {@code resource.operation}, for example
 * {@code cluster.create}. A grant may also be a wildcard: {@code *} (everything),
 * {@code resource.*} (every operation on one resource) or {@code *.operation} (one operation on
 * every resource).
 */
public final class Permissions {
  /** Everything, everywhere the grant applies. */
  public static final String ALL = "*";

  /** The resources permissions name, in the order messages list them. */
  public static final List<String> RESOURCES = List.of(
      "project", "cloudAccount", "clusterProfile", "cluster", "clusterGroup", "virtualCluster",
      "appProfile", "appDeployment", "workspace", "user", "team", "role", "roleBinding", "audit",
      "cost", "tenant");

  /** The operations every resource has. */
  public static final List<String> OPERATIONS = List.of("create", "get", "list", "update", "delete");

  /** Operations only some resources have. */
  public static final Map<String, List<String>> SPECIAL_OPERATIONS = Map.of(
      "clusterProfile", List.of("publish"),
      "appProfile", List.of("publish"),
      "appDeployment", List.of("deploy"),
      "virtualCluster", List.of("pause", "resume"),
      "cluster", List.of("kubeconfig"));

  private static final Set<String> RESOURCE_SET = Set.copyOf(RESOURCES);
  private static final Set<String> OPERATION_SET = allOperations();
  private static final Set<String> EXACT = exactPermissions();

  private Permissions() {}

  /** {@code resource.operation}. */
  public static String of(String resource, String operation) {
    return resource + '.' + operation;
  }

  /** The operations one resource has: the common five plus its special ones. */
  public static List<String> operationsOf(String resource) {
    List<String> ops = new ArrayList<>(OPERATIONS);
    ops.addAll(SPECIAL_OPERATIONS.getOrDefault(resource, List.of()));
    return List.copyOf(ops);
  }

  /** True for a permission or wildcard grant made of known resources and operations. */
  public static boolean isKnown(String permission) {
    if (permission == null) {
      return false;
    }
    if (ALL.equals(permission) || EXACT.contains(permission)) {
      return true;
    }
    int dot = permission.indexOf('.');
    if (dot < 0) {
      return false;
    }
    String resource = permission.substring(0, dot);
    String operation = permission.substring(dot + 1);
    if ("*".equals(operation)) {
      return RESOURCE_SET.contains(resource);
    }
    return "*".equals(resource) && OPERATION_SET.contains(operation);
  }

  /**
   * The problems with a set of grants, each under {@code field[index]}; empty when every grant is
   * known. An empty set is a problem too, since a role that grants nothing is a mistake.
   */
  public static List<Violation> violations(String field, Collection<String> permissions) {
    List<Violation> out = new ArrayList<>();
    if (permissions.isEmpty()) {
      out.add(new Violation(field, "must hold at least one permission, for example cluster.get"));
    }
    int i = 0;
    for (String p : permissions) {
      if (!isKnown(p)) {
        out.add(new Violation(field + "[" + i + "]", "unknown permission '" + p + "'; "
            + vocabulary()));
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
  public static void validate(String what, Collection<String> permissions) {
    List<Violation> problems = violations("permissions", permissions);
    if (!problems.isEmpty()) {
      throw new ValidationException(what, problems);
    }
  }

  /** The known vocabulary, in one sentence for error messages. */
  public static String vocabulary() {
    StringBuilder special = new StringBuilder();
    for (String resource : RESOURCES) {
      for (String op : SPECIAL_OPERATIONS.getOrDefault(resource, List.of())) {
        special.append(special.length() == 0 ? "" : ", ").append(of(resource, op));
      }
    }
    return "use resource.operation or a wildcard (*, resource.*, *.operation) with resources "
        + RESOURCES + ", operations " + OPERATIONS + " and the special operations [" + special + "]";
  }

  private static Set<String> allOperations() {
    Set<String> ops = new LinkedHashSet<>(OPERATIONS);
    SPECIAL_OPERATIONS.values().forEach(ops::addAll);
    return Set.copyOf(ops);
  }

  private static Set<String> exactPermissions() {
    Set<String> out = new LinkedHashSet<>();
    for (String resource : RESOURCES) {
      for (String op : operationsOf(resource)) {
        out.add(of(resource, op));
      }
    }
    return Set.copyOf(out);
  }
}
