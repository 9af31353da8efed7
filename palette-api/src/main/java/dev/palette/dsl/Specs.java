package dev.palette.dsl;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a spec from a consumer of its builder: the one path every {@code create(Consumer)} of the
 * DSL takes, so a change to how specs are built from consumers is made once.
 */
public final class Specs {
  private Specs() {}

  /**
   * Applies {@code spec} to {@code builder} and builds it.
   *
   * @throws NullPointerException naming {@code spec} when it is null
   */
  public static <B, S> S build(B builder, Consumer<? super B> spec, Function<? super B, S> build) {
    Objects.requireNonNull(spec, "spec");
    spec.accept(builder);
    return build.apply(builder);
  }
}
