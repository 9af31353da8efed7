package dev.palette.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.ProjectSpec;
import org.junit.jupiter.api.Test;

class SpecsTest {
  @Test
  void aNullRefusedByABuilderIsNamedByItsField() {
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> Specs.build("Project", ProjectSpec.builder(), b -> b.name(null), ProjectSpec.Builder::build));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("name");
  }

  @Test
  void aNullWhoseStackTheJvmOmittedIsStillRefusedAsBadInput() {
    // What a hot JVM throws for an implicit null check (-XX:+OmitStackTraceInFastThrow, the default).
    NullPointerException fastThrow = new NullPointerException();
    fastThrow.setStackTrace(new StackTraceElement[0]);

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> Specs.build("Project", ProjectSpec.builder(), b -> {
          throw fastThrow;
        }, ProjectSpec.Builder::build));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("spec");
      assertThat(v.message()).contains("null");
    });
  }
}
