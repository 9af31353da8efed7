package dev.palette.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the engine, checked on its production classes (palette-api, core and the
 * sandbox provider on this module's class path) in every test run; a broken rule fails the build.
 */
class LayeringTest {
  private static final String CORE = "dev.palette.core..";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = LayeringRules.importPackages(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, "dev.palette");
  }

  @Test
  void providersAndTheTestKitDependOnThePaletteApiOnly() {
    LayeringRules.useTheApiOnly(CORE, "dev.palette.sandbox..", "dev.palette.testkit..").check(classes);
  }

  @Test
  void theFrontDoorAndTheKindRegistryNeverCallAProvider() {
    LayeringRules.neverCallAProvider("dev.palette.spi.CloudProvider", "dev.palette.core.provider..",
        "dev.palette.core.frontdoor..", "dev.palette.core.kind..").check(classes);
  }

  @Test
  void costNeverDependsOnACloudProvider() {
    LayeringRules.costNeverDependsOnAProvider("dev.palette.spi.CloudProvider", "dev.palette.core.provider..",
        "dev.palette.core.cost..").check(classes);
  }

  @Test
  void featurePackagesHaveNoCyclesBetweenThem() {
    LayeringRules.noCyclesBetween("dev.palette.core.(*)..").check(classes);
  }

  @Test
  void thePaletteApiNeverDependsOnTheCore() {
    LayeringRules.apiNeverDependsOn(CORE, "dev.palette", "dev.palette.model..", "dev.palette.dsl..",
        "dev.palette.spi..", "dev.palette.error..", "dev.palette.event..").check(classes);
  }

  @Test
  void theStoreDependsOnNoCorePackageButRecords() {
    LayeringRules.storeUsesOnlyRecords(CORE, "dev.palette.core.store..", "dev.palette.core.record..").check(classes);
  }
}
