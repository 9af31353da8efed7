/**
 * The immutable model: every record is {@link dev.palette.model.Metadata} plus a spec and, for kinds
 * with outside state, a status. Types named {@code FooDef} are the sources of the generated
 * immutable {@code Foo} classes; use {@code Foo.builder()} and {@code foo.toBuilder()}.
 */
@PaletteStyle
package dev.palette.model;
