package dev.palette.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the model: an abstract {@code FooDef} generates the public immutable
 * {@code Foo} with {@code Foo.builder()} and {@code foo.toBuilder()}, using JDK collections only.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeAbstract = "*Def",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    toBuilder = "toBuilder",
    jdkOnly = true,
    depluralize = true,
    optionalAcceptNullable = true,
    // Leaves out Immutables' own @Generated: users compile without its jar and javac warns for each class.
    allowedClasspathAnnotations = javax.annotation.processing.Generated.class,
    // toString() returns summary() where the type defines it; the generated one prints every field.
    underrideToString = "summary",
    defaults = @Value.Immutable(copy = true))
public @interface PaletteStyle {}
