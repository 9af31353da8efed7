package dev.palette.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each layering rule, pointed at the fixture packages under {@code architecture.fixture} instead
 * of the real ones, reports the fixture class that breaks it: the rules that guard the build do
 * fail when the layering is broken.
 */
class LayeringRulesTest {
  private static final String FIXTURE = "dev.palette.core.architecture.fixture";
  private static final String CORE = FIXTURE + ".core..";

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        Arguments.of(LayeringRules.useTheApiOnly(CORE, FIXTURE + ".sandbox.."), "ReachesIntoTheCore"),
        Arguments.of(LayeringRules.neverCallAProvider("dev.palette.spi.CloudProvider",
            "dev.palette.core.provider..", FIXTURE + ".core.frontdoor.."), "CallsAProvider"),
        Arguments.of(LayeringRules.costNeverDependsOnAProvider("dev.palette.spi.CloudProvider",
            "dev.palette.core.provider..", FIXTURE + ".core.cost.."), "PricesByAskingAProvider"),
        Arguments.of(LayeringRules.noCyclesBetween(FIXTURE + ".core.(*).."), "Alpha"),
        Arguments.of(LayeringRules.apiNeverDependsOn(CORE, FIXTURE + ".api.."), "ModelThatKnowsTheEngine"),
        Arguments.of(LayeringRules.storeUsesOnlyRecords(CORE, FIXTURE + ".core.store..", FIXTURE + ".core.record.."),
            "KnowsAFeature.decode"));
  }

  @ParameterizedTest
  @MethodSource("brokenRules")
  void aRuleReportsTheClassThatBreaksIt(ArchRule rule, String culprit) {
    JavaClasses fixtures = LayeringRules.importPackages(location -> true, FIXTURE);

    EvaluationResult result = rule.evaluate(fixtures);

    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains(culprit));
  }

  @Test
  void theFixturesAreTestClassesWhichTheRealCheckLeavesOut() {
    JavaClasses production = LayeringRules.importPackages(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, FIXTURE);

    assertThat(production).isEmpty();
  }
}
