package dev.palette.core.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules of the engine, each made from the packages it speaks of, so that the same
 * rule that guards the real packages is shown to catch a violating fixture in packages of its own.
 */
final class LayeringRules {
  private LayeringRules() {}

  /** The classes of these packages, production or test, without the classes they merely refer to. */
  static JavaClasses importPackages(ImportOption option, String... packages) {
    // Resolving every referenced class from the class path would read all of Fabric8 and Vert.x.
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    return new ClassFileImporter().withImportOption(option).importPackages(packages);
  }

  /** Classes in these packages use nothing of the engine's core: palette-api is their whole world. */
  static ArchRule useTheApiOnly(String core, String... packages) {
    return noClasses().that().resideInAnyPackage(packages)
        .should().dependOnClassesThat().resideInAPackage(core)
        .because("providers and the test kit are written against palette-api only");
  }

  /** The API is what users and providers compile against; the engine behind it may change freely. */
  static ArchRule apiNeverDependsOn(String core, String... apiPackages) {
    return noClasses().that().resideInAnyPackage(apiPackages)
        .should().dependOnClassesThat().resideInAPackage(core)
        .because("palette-api is the contract and must not know the engine that implements it");
  }

  /** The front door and the kind registry never reach a cloud provider, only what controllers cached. */
  static ArchRule neverCallAProvider(String providerInterface, String providerRegistry, String... packages) {
    return noClasses().that().resideInAnyPackage(packages)
        .should().dependOnClassesThat().haveFullyQualifiedName(providerInterface)
        .orShould().dependOnClassesThat().resideInAPackage(providerRegistry)
        .because("the front door makes no outside call; controllers talk to providers");
  }

  /**
   * Cost never reaches a cloud provider: its rate card and reports are read at the front door, so
   * prices come from the instance catalog and capacities from the nodes' reports.
   */
  static ArchRule costNeverDependsOnAProvider(String providerInterface, String providerRegistry, String costPackage) {
    return noClasses().that().resideInAPackage(costPackage)
        .should().dependOnClassesThat().haveFullyQualifiedName(providerInterface)
        .orShould().dependOnClassesThat().resideInAPackage(providerRegistry)
        .because("cost is read at the front door, which makes no outside call; the instance catalog holds the prices");
  }

  /** Feature packages may depend on each other, but never in a circle. */
  static ArchRule noCyclesBetween(String slicePattern) {
    return slices().matching(slicePattern).should().beFreeOfCycles()
        .because("a feature package is understood, tested and replaced on its own");
  }

  /** The store layer depends on the record layer alone among the engine's packages. */
  static ArchRule storeUsesOnlyRecords(String core, String store, String record) {
    return noClasses().that().resideInAPackage(store)
        .should().dependOnClassesThat(resideInAPackage(core).and(not(resideInAnyPackage(store, record))))
        .because("a store implementation holds records and knows nothing of features");
  }
}
