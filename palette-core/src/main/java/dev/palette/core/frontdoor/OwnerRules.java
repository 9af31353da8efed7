package dev.palette.core.frontdoor;

import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.KindRegistry;
import dev.palette.core.kind.OwnerRule;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.NotFoundException;
import dev.palette.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the registered kinds' owner rules say about a write: which owners a record refers to (read
 * again after it is written, see {@link Dependents}), which records block an owner's delete, and
 * which go with it.
 */
public final class OwnerRules {
  private final Records records;
  private final KindRegistry kinds;
  private final KindContext context;
  private final Dependents dependents;

  OwnerRules(Records records, KindRegistry kinds, KindContext context, Dependents dependents) {
    this.records = records;
    this.kinds = kinds;
    this.context = context;
    this.dependents = dependents;
  }

  /**
   * What stops {@code record}'s delete, as one message naming the blockers: the records whose
   * rules BLOCK on it, and the kind's own check; {@code null} when nothing does.
   */
  public <R extends Resource<?>> String blockers(KindDescriptor<R, ?, ?> kind, R record) {
    List<String> held = new ArrayList<>();
    List<String> heldNames = new ArrayList<>();
    List<String> uses = new ArrayList<>();
    for (KindRegistry.Dependent<?> d : kinds.dependentsOf(kind.name())) {
      if (d.rule().onDelete() != OwnerRule.OnDelete.BLOCK) {
        continue;
      }
      List<? extends Resource<?>> found = referring(d, record);
      if (found.isEmpty()) {
        continue;
      }
      String dependent = d.kind().name();
      if (d.rule().isProjectScope()) {
        held.add(found.size() + " " + dependent);
        found.stream().limit(5).forEach(r -> heldNames.add(dependent + " " + r.metadata().name()));
        if (found.size() > 5) {
          heldNames.add("and " + (found.size() - 5) + " more " + dependent);
        }
      } else {
        String where = record.metadata().project();
        uses.add(kind.shown(record) + " " + d.rule().relation() + " " + d.kind().noun() + "s "
            + found.stream().map(r -> where.isEmpty()
                ? KindDescriptor.address(r.metadata().project(), r.metadata().name()) : r.metadata().name()).toList()
            + "; delete them first");
      }
    }
    if (!held.isEmpty()) {
      String counts = held.size() == 1 ? held.get(0)
          : String.join(", ", held.subList(0, held.size() - 1)) + " and " + held.get(held.size() - 1);
      uses.add(0, kind.shown(record) + " still holds " + counts + " record(s): " + String.join(", ", heldNames)
          + "; delete them first");
    }
    String own = kind.deleteBlockers(context, record);
    if (own != null) {
      uses.add(own);
    }
    return uses.isEmpty() ? null : String.join("; ", uses);
  }

  // Deletes the records whose rules CASCADE from the record being deleted, each by its own rules.
  <R extends Resource<?>> void cascade(KindDescriptor<R, ?, ?> kind, R record, List<String> cascaded) {
    for (KindRegistry.Dependent<?> d : kinds.dependentsOf(kind.name())) {
      if (d.rule().onDelete() == OwnerRule.OnDelete.CASCADE) {
        for (Resource<?> r : referring(d, record)) {
          if (deleteCascaded(d.kind(), r)) {
            cascaded.add(d.kind().name() + " " + KindDescriptor.address(r.metadata().project(), r.metadata().name()));
          }
        }
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean deleteCascaded(KindDescriptor kind, Resource<?> r) {
    List<String> more = new ArrayList<>();
    try {
      dependents.delete(kind.record(), r.metadata().project(), r.metadata().name(),
          x -> blockers(kind, (Resource) x), x -> cascade(kind, (Resource) x, more));
      return true;
    } catch (NotFoundException gone) {
      // A create racing this delete saw its owner marked and took its record back: nothing to do.
      return false;
    }
  }

  // The records of a dependent rule's kind that refer to the owner record.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<? extends Resource<?>> referring(KindRegistry.Dependent<?> d, Resource<?> owner) {
    RecordKind<?> kind = d.kind().record();
    String scope = d.rule().isProjectScope() ? owner.metadata().name()
        : owner.metadata().project().isEmpty() ? null : owner.metadata().project();
    OwnerRule rule = d.rule();
    List<? extends Resource<?>> candidates = records.list(kind, scope);
    return candidates.stream()
        .filter(r -> ((List<OwnerRule.Ref>) rule.refs().apply(r)).stream().anyMatch(ref -> ref.matches(owner)))
        .toList();
  }

  /**
   * The owners a new or changed record refers to, read now: each must exist and not be marked for
   * deletion, and is checked again after the write.
   *
   * @throws ConflictException when one went away since the request was validated
   */
  public <R extends Resource<?>> List<Dependents.Owner> owners(KindDescriptor<R, ?, ?> kind, R record) {
    List<Dependents.Owner> out = new ArrayList<>();
    for (OwnerRule<R> rule : kind.owners()) {
      for (OwnerRule.Ref ref : rule.refs().apply(record)) {
        out.add(dependents.owner(rule.owner(), resolve(rule.owner(), ref), ref.shown()));
      }
    }
    return out;
  }

  private <O extends Resource<?>> Optional<O> resolve(RecordKind<O> kind, OwnerRule.Ref ref) {
    Optional<O> found = records.getByName(kind, ref.project(), ref.name());
    return found.isEmpty() && ref.orTenant() ? records.getByName(kind, "", ref.name()) : found;
  }

  <R extends Resource<?>> List<OwnerRule.Ref> refs(KindDescriptor<R, ?, ?> kind, R record) {
    List<OwnerRule.Ref> out = new ArrayList<>();
    kind.owners().forEach(rule -> out.addAll(rule.refs().apply(record)));
    return out;
  }
}
