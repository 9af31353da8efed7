package dev.palette.core.kind;

import dev.palette.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds an engine manages, in registration order (the order messages list them in). Not
 * thread-safe while being filled; the engine fills it before it opens and only reads it after.
 */
public final class KindRegistry {
  private final Map<String, KindDescriptor<?, ?, ?>> byName = new LinkedHashMap<>();

  /**
   * Adds a kind.
   *
   * @throws IllegalArgumentException when a kind of that name, or with that permission resource,
   *     is registered already
   */
  public KindRegistry register(KindDescriptor<?, ?, ?> kind) {
    if (byName.containsKey(kind.name())) {
      throw new IllegalArgumentException("kind " + kind.name() + " is registered already");
    }
    if (permissionResources().contains(kind.resource())) {
      throw new IllegalArgumentException("permission resource " + kind.resource() + " of " + kind.name()
          + " is taken by another kind");
    }
    byName.put(kind.name(), kind);
    return this;
  }

  public Optional<KindDescriptor<?, ?, ?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The registered descriptor of a model type.
   *
   * @throws IllegalArgumentException when none is registered
   */
  @SuppressWarnings("unchecked")
  public <R extends Resource<S>, S, B> KindDescriptor<R, S, B> require(String name) {
    KindDescriptor<?, ?, ?> kind = byName.get(name);
    if (kind == null) {
      throw new IllegalArgumentException("no kind " + name + " is registered; kinds: " + byName.keySet());
    }
    return (KindDescriptor<R, S, B>) kind;
  }

  public List<KindDescriptor<?, ?, ?>> all() {
    return List.copyOf(byName.values());
  }

  /** Every permission resource of a registered kind, for the permission vocabulary. */
  public Set<String> permissionResources() {
    Set<String> out = new LinkedHashSet<>();
    byName.values().forEach(k -> out.add(k.resource()));
    return out;
  }

  /** The verbs of each permission resource, for the permission vocabulary and the built-in roles. */
  public Map<String, List<String>> verbsByResource() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    byName.values().forEach(k -> out.put(k.resource(), k.verbs()));
    return out;
  }

  /** The rules, of every kind, by which records refer to records of {@code owner}. */
  public List<Dependent<?>> dependentsOf(String owner) {
    List<Dependent<?>> out = new ArrayList<>();
    for (KindDescriptor<?, ?, ?> kind : byName.values()) {
      for (OwnerRule<?> rule : kind.owners()) {
        if (rule.owner().name().equals(owner)) {
          out.add(new Dependent<>(kind, rule));
        }
      }
    }
    return out;
  }

  /**
   * One kind's rule for referring to an owner kind.
   *
   * @param <R> the referring kind's record type
   */
  public record Dependent<R extends Resource<?>>(KindDescriptor<?, ?, ?> kind, OwnerRule<R> rule) {}
}
