package dev.palette.core.rbac;

import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.model.Team;
import dev.palette.spi.StoreEvent;
import dev.palette.spi.StoredRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users, teams, custom roles and role bindings of the tenant, indexed for working out a
 * user's grants. It applies store changes newest-revision-wins, so a replayed or reordered event
 * is harmless. Not thread-safe: {@link IndexFollower} guards it.
 */
final class BindingIndex {
  /** The kinds the index holds. */
  static final Set<String> KINDS = Set.of(
      RecordKind.USER.name(), RecordKind.TEAM.name(), RecordKind.ROLE.name(), RecordKind.ROLE_BINDING.name());

  private final RecordCodec codec;
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

  /** A role bound to a user or team, at tenant level ({@code project} empty) or in a project. */
  record Binding(SubjectKind kind, String subject, String roleSlug, String project) {}

  private record TeamEntry(String name, List<String> members) {}

  BindingIndex(RecordCodec codec) {
    this.codec = codec;
  }

  /**
   * Applies one change of an indexed kind; true when the index changed.
   *
   * @throws dev.palette.error.PaletteException when the record cannot be read; the index then no
   *     longer holds it
   */
  boolean apply(StoreEvent.Type type, StoredRecord record) {
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
    add(record);
    return true;
  }

  boolean isUser(String name) {
    return users.contains(name);
  }

  /** The bindings that apply to a user: its own and its teams'. */
  Collection<Binding> bindingsOf(String user) {
    List<Binding> out = new ArrayList<>(userBindings.getOrDefault(user, Map.of()).values());
    for (String team : teamsByMember.getOrDefault(user, Set.of())) {
      out.addAll(teamBindings.getOrDefault(team, Map.of()).values());
    }
    return out;
  }

  /** The tenant's own role with this slug, or null. */
  RoleSpec customRole(String slug) {
    return customRoles.get(slug);
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
        Binding b = new Binding(spec.subjectKind(), spec.subject(), BuiltInRoles.slug(spec.role()), spec.project());
        bindingsById.put(id, b);
        bindingsBy(b.kind).computeIfAbsent(b.subject, s -> new HashMap<>()).put(id, b);
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
          Map<String, Map<String, Binding>> bySubject = bindingsBy(b.kind);
          Map<String, Binding> of = bySubject.get(b.subject);
          if (of != null && of.remove(id) != null && of.isEmpty()) {
            bySubject.remove(b.subject);
          }
        }
      }
      default -> throw new IllegalStateException("not an indexed kind: " + kind);
    }
  }

  private Map<String, Map<String, Binding>> bindingsBy(SubjectKind kind) {
    return kind == SubjectKind.USER ? userBindings : teamBindings;
  }
}
