package dev.palette.core.frontdoor;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Scope;
import dev.palette.dsl.Gettable;
import dev.palette.dsl.Listable;
import dev.palette.dsl.NamedResource;
import dev.palette.dsl.ProjectScoped;
import dev.palette.dsl.Resources;
import dev.palette.dsl.Scoped;
import dev.palette.dsl.Specs;
import dev.palette.dsl.UpdatableResource;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.event.RecordEvent;
import dev.palette.model.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The DSL's collections, implemented once for every kind on the {@link FrontDoor}:
 * {@link Selection} (list, watch, withLabel), {@link ListView} (a collection of one scope),
 * {@link RecordView} (get, require, watch), {@link Deletable} and {@link Editable} (delete,
 * update), {@link Collection} (create and withName) and the scope choosers. A kind that behaves
 * differently extends one of them in its feature package.
 */
public final class Views {
  private Views() {}

  /** The front door as seen by one principal: what every view calls through. */
  public record Caller(FrontDoor door, Principal principal) {}

  /** The collections of a kind, in the scopes its descriptor allows. */
  public static <R extends Resource<S>, S, B> Scoped<Resources<R, S, B>, R> scoped(
      Caller caller, KindDescriptor<R, S, B> kind) {
    return scoped(caller, kind, project -> new Collection<>(caller, kind, project));
  }

  /** Scope choosers for a kind that lives in a project or at tenant scope, as its descriptor says. */
  public static <T, R extends Resource<?>> Scoped<T, R> scoped(
      Caller caller, KindDescriptor<R, ?, ?> kind, Function<String, T> inScope) {
    return new Scoped<>() {
      @Override
      public T inProject(String project) {
        if (kind.scope() == Scope.TENANT) {
          throw scopeRefused(kind, "lives at tenant scope; use inTenant()");
        }
        return inScope.apply(requireProjectName(project));
      }

      @Override
      public T inTenant() {
        if (kind.scope() == Scope.PROJECT) {
          throw scopeRefused(kind, "lives in projects only; use inProject(..)");
        }
        return inScope.apply("");
      }

      @Override
      public Listable<R> inAnyScope() {
        return new Selection<>(caller, kind, null, Map.of());
      }
    };
  }

  /** Scope choosers for a kind that lives in projects only. */
  public static <T, R extends Resource<?>> ProjectScoped<T, R> projectScoped(
      Caller caller, KindDescriptor<R, ?, ?> kind, Function<String, T> inProject) {
    Scoped<T, R> scoped = scoped(caller, kind, inProject);
    return new ProjectScoped<>() {
      @Override
      public T inProject(String project) {
        return scoped.inProject(project);
      }

      @Override
      public Listable<R> inAnyScope() {
        return scoped.inAnyScope();
      }
    };
  }

  private static ValidationException scopeRefused(KindDescriptor<?, ?, ?> kind, String message) {
    return new ValidationException("scope", List.of(new Violation("project", kind.name() + " " + message)));
  }

  private static String requireProjectName(String project) {
    if (project == null || project.isEmpty()) {
      throw new ValidationException("scope", List.of(new Violation("project",
          "must name a project; use inTenant() for tenant scope or inAnyScope() to list every scope")));
    }
    return project;
  }

  /**
   * Records of one kind in one scope ({@code null}: every scope) that carry every label of
   * {@code labels}: what list, watch and withLabel of every collection read.
   */
  public record Selection<R extends Resource<?>>(
      Caller caller, KindDescriptor<R, ?, ?> kind, String project, Map<String, String> labels)
      implements Listable<R> {
    @Override
    public List<R> list() {
      return caller.door().list(caller.principal(), kind, project, labels);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return caller.door().watch(caller.principal(), kind, project, labels, null, listener);
    }

    @Override
    public Listable<R> withLabel(String key, String value) {
      Map<String, String> more = new HashMap<>(labels);
      more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return new Selection<>(caller, kind, project, more);
    }
  }

  /** A collection of one kind in one scope; its list, watch and withLabel are its selection's. */
  public abstract static class ListView<R extends Resource<?>> implements Listable<R> {
    protected final Caller caller;
    protected final String project;
    private final Selection<R> all;

    protected ListView(Caller caller, KindDescriptor<R, ?, ?> kind, String project) {
      this.caller = caller;
      this.project = project;
      this.all = new Selection<>(caller, kind, project, Map.of());
    }

    @Override
    public List<R> list() {
      return all.list();
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return all.watch(listener);
    }

    @Override
    public Listable<R> withLabel(String key, String value) {
      return all.withLabel(key, value);
    }
  }

  /** Get and watch of one record by its stored name. */
  public static class RecordView<R extends Resource<?>> implements Gettable<R> {
    protected final Caller caller;
    protected final KindDescriptor<R, ?, ?> kind;
    protected final String project;
    protected final String name;

    public RecordView(Caller caller, KindDescriptor<R, ?, ?> kind, String project, String name) {
      this.caller = caller;
      this.kind = kind;
      this.project = project;
      this.name = name;
    }

    @Override
    public Optional<R> get() {
      return caller.door().get(caller.principal(), kind, project, name);
    }

    @Override
    public R require() {
      return caller.door().require(caller.principal(), kind, project, name);
    }

    @Override
    public Subscription watch(Consumer<RecordEvent<R>> listener) {
      return caller.door().watch(caller.principal(), kind, project, Map.of(), name, listener);
    }
  }

  /** A record view whose delete is given. */
  public static class Deletable<R extends Resource<?>> extends RecordView<R> implements NamedResource<R> {
    private final Runnable delete;

    public Deletable(Caller caller, KindDescriptor<R, ?, ?> kind, String project, String name, Runnable delete) {
      super(caller, kind, project, name);
      this.delete = delete;
    }

    @Override
    public void delete() {
      delete.run();
    }
  }

  /** A record view with the front door's update and delete. */
  public static class Editable<R extends Resource<S>, S, B> extends RecordView<R>
      implements UpdatableResource<R, B> {
    private final KindDescriptor<R, S, B> typed;

    public Editable(Caller caller, KindDescriptor<R, S, B> kind, String project, String name) {
      super(caller, kind, project, name);
      this.typed = kind;
    }

    @Override
    public R update(Consumer<B> changes) {
      return caller.door().update(caller.principal(), typed, project, name, changes);
    }

    @Override
    public void delete() {
      caller.door().delete(caller.principal(), typed, project, name);
    }
  }

  /** The collection of a kind in one scope: list, watch, create and withName, all generic. */
  public static class Collection<R extends Resource<S>, S, B> extends ListView<R> implements Resources<R, S, B> {
    protected final KindDescriptor<R, S, B> kind;

    public Collection(Caller caller, KindDescriptor<R, S, B> kind, String project) {
      super(caller, kind, project);
      this.kind = kind;
    }

    @Override
    public R create(S spec) {
      return caller.door().create(caller.principal(), kind, project, spec);
    }

    @Override
    public R create(Consumer<B> spec) {
      return create(Specs.build(kind.name(), kind.newBuilder(), spec, kind::build));
    }

    @Override
    public UpdatableResource<R, B> withName(String name) {
      return new Editable<>(caller, kind, project, kind.address(name));
    }
  }
}
