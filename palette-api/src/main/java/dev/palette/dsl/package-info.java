/**
 * The fluent, typed DSL: each step's return type decides what may come next, as in
 * {@code palette.clusterMode().clusters().inProject("ml").withName("gpu-1").get()}.
 */
package dev.palette.dsl;
