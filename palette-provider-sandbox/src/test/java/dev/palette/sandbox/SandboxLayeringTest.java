package dev.palette.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox is a provider like any other: it is written against palette-api alone. */
class SandboxLayeringTest {
  @Test
  void theSandboxDependsOnThePaletteApiOnly() {
    // Resolving every referenced class from the class path would read all of Fabric8 and Vert.x.
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    JavaClasses sandbox = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.palette.sandbox");

    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.palette.core..", "dev.palette.testkit..")
        .because("providers are written against palette-api only").check(sandbox);
  }
}
