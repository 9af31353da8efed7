package dev.palette.core.kind;

import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.dsl.KindRef;
import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import dev.palette.model.TenantLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Everything the generic front door needs to know about one kind: its name and model, where it
 * lives, which permission resource guards it, its tenant limit, its validator, the records it
 * refers to and what their deletion does to it, and whether it has a status and a controller.
 * Create, get, list, watch, update and delete of the kind, with authorization, validation, tenant
 * limits and audit, follow from this alone.
 *
 * @param <R> the record type
 * @param <S> its spec type
 * @param <B> the builder of its spec
 */
public final class KindDescriptor<R extends Resource<S>, S, B> implements KindRef<R, S, B> {
  /** The verbs every kind has, in the order the authorization table lists them. */
  public static final List<String> STANDARD_VERBS = List.of("create", "update", "delete", "get", "list");

  /** How many records of a kind the tenant may hold: a limit's name and how to read it. */
  public record TenantLimit(String field, ToIntFunction<TenantLimits> max) {}

  /**
   * Checks a spec, adding every problem with its field path.
   *
   * @param <S> the spec type
   */
  @FunctionalInterface
  public interface Validator<S> {
    /**
     * @param project the scope the record lives in ({@code ""}: tenant)
     * @param before the spec being replaced, or {@code null} for a create
     * @param after the spec asked for
     */
    void validate(KindContext context, Violations v, String project, S before, S after);
  }

  /**
   * What besides owner rules refuses a record's delete, as a message naming the blockers.
   *
   * @param <R> the record type
   */
  @FunctionalInterface
  public interface DeleteCheck<R> {
    /** The refusal, or {@code null} when nothing else stops the delete. */
    String blockers(KindContext context, R record);
  }

  private final RecordKind<R> record;
  private final Scope scope;
  private final String resource;
  private final List<String> verbs;
  private final TenantLimit limit;
  private final Validator<S> validator;
  private final List<OwnerRule<R>> owners;
  private final boolean hasStatus;
  private final boolean controlled;
  private final boolean dnsNames;
  private final String noun;
  private final Function<S, String> nameOf;
  private final Function<S, String> storedName;
  private final UnaryOperator<String> address;
  private final Function<S, Map<String, String>> labelsOf;
  private final BiFunction<Metadata, S, R> newRecord;
  private final BiFunction<R, S, R> withSpec;
  private final Supplier<B> newBuilder;
  private final Function<S, B> toBuilder;
  private final Function<B, S> build;
  private final BinaryOperator<S> merge;
  private final boolean secrets;
  private final Function<R, String> created;
  private final BiFunction<R, R, String> updated;
  private final Function<R, String> shown;
  private final Function<R, String> deleted;
  private final BiFunction<String, S, String> duplicate;
  private final DeleteCheck<R> deleteCheck;

  private KindDescriptor(Builder<R, S, B> b) {
    this.record = Objects.requireNonNull(b.record, "record");
    this.scope = Objects.requireNonNull(b.scope, "scope");
    this.resource = Objects.requireNonNull(b.resource, "resource");
    this.verbs = List.copyOf(b.verbs);
    this.limit = b.limit;
    this.validator = b.validator;
    this.owners = List.copyOf(b.owners);
    this.hasStatus = b.hasStatus;
    this.controlled = b.controlled;
    this.dnsNames = b.dnsNames;
    this.noun = b.noun != null ? b.noun : words(record.name());
    this.nameOf = Objects.requireNonNull(b.nameOf, "nameOf");
    this.storedName = b.storedName != null ? b.storedName : nameOf;
    this.address = b.address;
    this.labelsOf = Objects.requireNonNull(b.labelsOf, "labelsOf");
    this.newRecord = Objects.requireNonNull(b.newRecord, "newRecord");
    this.withSpec = Objects.requireNonNull(b.withSpec, "withSpec");
    this.newBuilder = Objects.requireNonNull(b.newBuilder, "newBuilder");
    this.toBuilder = Objects.requireNonNull(b.toBuilder, "toBuilder");
    this.build = Objects.requireNonNull(b.build, "build");
    this.merge = b.merge;
    this.secrets = b.secrets;
    this.created = b.created != null ? b.created : r -> "created " + noun + " " + r.name();
    this.updated = b.updated != null ? b.updated : (before, after) -> "updated " + noun + " " + after.name();
    this.shown = b.shown != null ? b.shown
        : r -> record.name() + " " + address(r.metadata().project(), r.name());
    this.deleted = b.deleted != null ? b.deleted : r -> "deleted " + noun + " " + r.name();
    this.duplicate = b.duplicate;
    this.deleteCheck = b.deleteCheck;
    if (controlled && owners.stream().anyMatch(o -> o.onDelete() == OwnerRule.OnDelete.CASCADE)) {
      // A controlled record goes only once its controller cleaned up; an owner cannot just remove it.
      throw new IllegalArgumentException(record.name() + ": a controlled kind cannot be deleted by cascade");
    }
  }

  /** A builder for the kind stored as {@code record}. */
  public static <R extends Resource<S>, S, B> Builder<R, S, B> builder(RecordKind<R> record) {
    return new Builder<>(record);
  }

  /** The kind as the store knows it: name, model type and how to put new metadata on a record. */
  public RecordKind<R> record() {
    return record;
  }

  @Override
  public String name() {
    return record.name();
  }

  public Class<R> type() {
    return record.type();
  }

  public Scope scope() {
    return scope;
  }

  /** The permission resource: its permissions are {@code resource.verb}, for example {@code cluster.get}. */
  public String resource() {
    return resource;
  }

  /** The verbs the kind's permissions cover: the standard ones it has, and any of its own. */
  public List<String> verbs() {
    return verbs;
  }

  public Optional<TenantLimit> limit() {
    return Optional.ofNullable(limit);
  }

  public List<OwnerRule<R>> owners() {
    return owners;
  }

  public boolean hasStatus() {
    return hasStatus;
  }

  /** Whether a controller reconciles the kind, so deleting a record asks rather than removes. */
  public boolean controlled() {
    return controlled;
  }

  /** The kind in prose, for audit messages: {@code host cluster}. */
  public String noun() {
    return noun;
  }

  /** Checks a spec: the generic name and label rules, then the kind's own. */
  public void validate(KindContext context, Violations v, String project, S before, S after) {
    if (dnsNames) {
      v.addAll(Names.check("name", nameOf.apply(after)));
    }
    Map<String, String> labels = labelsOf.apply(after);
    v.count("labels", labels.size(), Limits.LABELS_PER_RECORD);
    v.addAll(Names.checkLabels(labels));
    if (before != null && !nameOf.apply(after).equals(nameOf.apply(before))) {
      v.add("name", "cannot change from '" + nameOf.apply(before) + "'; create a new " + name() + " instead");
    }
    if (validator != null) {
      validator.validate(context, v, project, before, after);
    }
  }

  /** The refusal of a delete besides owner rules, or {@code null}. */
  public String deleteBlockers(KindContext context, R record) {
    return deleteCheck == null ? null : deleteCheck.blockers(context, record);
  }

  public String nameOf(S spec) {
    return nameOf.apply(spec);
  }

  /** The name a record with this spec is stored under (a DNS-1123 name for every kind that has one). */
  public String storedName(S spec) {
    return storedName.apply(spec);
  }

  /** The stored name of the record a caller names {@code name}. */
  public String address(String name) {
    return address.apply(name);
  }

  public Map<String, String> labelsOf(S spec) {
    return labelsOf.apply(spec);
  }

  public R newRecord(Metadata metadata, S spec) {
    return newRecord.apply(metadata, spec);
  }

  public R withSpec(R record, S spec) {
    return withSpec.apply(record, spec);
  }

  public B newBuilder() {
    return newBuilder.get();
  }

  public B toBuilder(S spec) {
    return toBuilder.apply(spec);
  }

  public S build(B builder) {
    return build.apply(builder);
  }

  /** Whether an update starts from the record with its secret values, to keep those left masked. */
  public boolean keepsSecrets() {
    return secrets;
  }

  /** The spec to write, from the stored one (secrets included) and the one asked for. */
  public S merge(S stored, S requested) {
    return merge == null ? requested : merge.apply(stored, requested);
  }

  public String created(R record) {
    return created.apply(record);
  }

  public String updated(R before, R after) {
    return updated.apply(before, after);
  }

  /** How messages name a record: {@code CloudAccount ml/aws}. */
  public String shown(R record) {
    return shown.apply(record);
  }

  public String deleted(R record) {
    return deleted.apply(record);
  }

  /** The refusal of a create in {@code project} whose stored name is taken, or empty for the store's own. */
  public Optional<String> duplicate(String project, S spec) {
    return duplicate == null ? Optional.empty() : Optional.of(duplicate.apply(project, spec));
  }

  @Override
  public String toString() {
    return "KindDescriptor[" + name() + ", " + scope + ", " + resource + "]";
  }

  /** {@code project/name}, or {@code name} at tenant scope. */
  public static String address(String project, String name) {
    return Records.address(project, name);
  }

  private static String words(String kind) {
    return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }

  /** Collects a descriptor's parts; every kind sets the model functions, scope and resource. */
  public static final class Builder<R extends Resource<S>, S, B> {
    private final RecordKind<R> record;
    private Scope scope;
    private String resource;
    private List<String> verbs = new ArrayList<>(STANDARD_VERBS);
    private TenantLimit limit;
    private Validator<S> validator;
    private final List<OwnerRule<R>> owners = new ArrayList<>();
    private boolean hasStatus;
    private boolean controlled;
    private boolean dnsNames = true;
    private String noun;
    private Function<S, String> nameOf;
    private Function<S, String> storedName;
    private UnaryOperator<String> address = UnaryOperator.identity();
    private Function<S, Map<String, String>> labelsOf;
    private BiFunction<Metadata, S, R> newRecord;
    private BiFunction<R, S, R> withSpec;
    private Supplier<B> newBuilder;
    private Function<S, B> toBuilder;
    private Function<B, S> build;
    private BinaryOperator<S> merge;
    private boolean secrets;
    private Function<R, String> created;
    private BiFunction<R, R, String> updated;
    private Function<R, String> shown;
    private Function<R, String> deleted;
    private BiFunction<String, S, String> duplicate;
    private DeleteCheck<R> deleteCheck;

    private Builder(RecordKind<R> record) {
      this.record = record;
    }

    public Builder<R, S, B> scope(Scope scope) {
      this.scope = scope;
      return this;
    }

    public Builder<R, S, B> resource(String resource) {
      this.resource = resource;
      return this;
    }

    /** Drops standard verbs the kind does not have, for example {@code update} of a published profile. */
    public Builder<R, S, B> without(String verb) {
      verbs.remove(verb);
      return this;
    }

    /** A verb of the kind's own, for example {@code kubeconfig} of a host cluster. */
    public Builder<R, S, B> verb(String verb) {
      verbs.add(verb);
      return this;
    }

    public Builder<R, S, B> limit(String field, ToIntFunction<TenantLimits> max) {
      this.limit = new TenantLimit(field, max);
      return this;
    }

    public Builder<R, S, B> validator(Validator<S> validator) {
      this.validator = validator;
      return this;
    }

    public Builder<R, S, B> owner(OwnerRule<R> rule) {
      owners.add(rule);
      return this;
    }

    public Builder<R, S, B> status(boolean hasStatus) {
      this.hasStatus = hasStatus;
      return this;
    }

    public Builder<R, S, B> controlled(boolean controlled) {
      this.controlled = controlled;
      return this;
    }

    /** For kinds whose validator checks the name itself, since it is not a DNS-1123 label. */
    public Builder<R, S, B> ownNameRule() {
      this.dnsNames = false;
      return this;
    }

    public Builder<R, S, B> noun(String noun) {
      this.noun = noun;
      return this;
    }

    public Builder<R, S, B> name(Function<S, String> nameOf, Function<S, Map<String, String>> labelsOf) {
      this.nameOf = nameOf;
      this.labelsOf = labelsOf;
      return this;
    }

    /** The name a record is stored under when it is not the spec's name, and how a caller's name maps to it. */
    public Builder<R, S, B> storedAs(Function<S, String> storedName, UnaryOperator<String> address) {
      this.storedName = storedName;
      this.address = address;
      return this;
    }

    public Builder<R, S, B> model(BiFunction<Metadata, S, R> newRecord, BiFunction<R, S, R> withSpec) {
      this.newRecord = newRecord;
      this.withSpec = withSpec;
      return this;
    }

    public Builder<R, S, B> specBuilder(Supplier<B> newBuilder, Function<S, B> toBuilder, Function<B, S> build) {
      this.newBuilder = newBuilder;
      this.toBuilder = toBuilder;
      this.build = build;
      return this;
    }

    /** Updates start from the stored secrets; {@code merge} makes the spec to write. */
    public Builder<R, S, B> secrets(BinaryOperator<S> merge) {
      this.secrets = true;
      this.merge = merge;
      return this;
    }

    public Builder<R, S, B> messages(Function<R, String> created, BiFunction<R, R, String> updated) {
      this.created = created;
      this.updated = updated;
      return this;
    }

    public Builder<R, S, B> shown(Function<R, String> shown) {
      this.shown = shown;
      return this;
    }

    public Builder<R, S, B> deleted(Function<R, String> deleted) {
      this.deleted = deleted;
      return this;
    }

    public Builder<R, S, B> duplicate(BiFunction<String, S, String> duplicate) {
      this.duplicate = duplicate;
      return this;
    }

    public Builder<R, S, B> deleteCheck(DeleteCheck<R> deleteCheck) {
      this.deleteCheck = deleteCheck;
      return this;
    }

    public KindDescriptor<R, S, B> build() {
      return new KindDescriptor<>(this);
    }
  }
}
