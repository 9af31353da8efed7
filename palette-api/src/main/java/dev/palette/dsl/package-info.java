/**
 * The fluent, typed DSL: each step's return type decides what may come next, as in
 * {@code palette.clusterMode().clusters().inProject("ml").withName("gpu-1").get()}.
 *
 * <p>Every kind has one shape: a scope ({@link dev.palette.dsl.Scoped}, {@link dev.palette.dsl.ProjectScoped},
 * or none for tenant kinds), a collection that is {@link dev.palette.dsl.Listable} (list, watch,
 * withLabel) with {@code create} and {@code withName}, and one record that is
 * {@link dev.palette.dsl.Gettable}, {@link dev.palette.dsl.NamedResource} (delete) and, where its
 * spec can change, {@link dev.palette.dsl.UpdatableResource}. Every {@code create(Consumer)} builds
 * its spec through {@link dev.palette.dsl.Specs#build}.
 */
package dev.palette.dsl;
