package com.lstmautoml.ui.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Guards on the dashboard's code (ArchUnit, on the compiled main classes): every "now" comes from the injected
 * {@link java.time.Clock}, so tests move time instead of sleeping; the dashboard never reaches into the service
 * that packages it, and of core it uses only the service interfaces ({@code core.api}), the field errors
 * ({@code core.validation}) and the search space model ({@code core.space}); its packages form no cycle, and the
 * shared {@code layout} package depends on no feature package.
 *
 * <p>ArchUnit reads bytecode: a compile-time constant of another class ({@code static final int}) is copied into
 * the class using it and leaves no dependency to check (which is why the dashboard reads such values from
 * {@code core.api.ExperimentOptions}, not from where they are defined).
 */
class UiArchitectureTest {

    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.lstmautoml.ui");

    @Test
    void viewsTakeTheirNowFromTheInjectedClock() {
        noClasses().should().callMethod(Instant.class, "now").orShould().callMethod(System.class,
                "currentTimeMillis").check(UI);
    }

    @Test
    void theDashboardDoesNotDependOnTheService() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.lstmautoml.backend..").check(UI);
    }

    @Test
    void theDashboardUsesCoreOnlyThroughItsApiValidationAndSpace() {
        noClasses().that().resideInAPackage("com.lstmautoml.ui..").should().dependOnClassesThat(
                        resideInAPackage("com.lstmautoml.core..").and(resideOutsideOfPackages(
                                "com.lstmautoml.core.api..", "com.lstmautoml.core.validation..",
                                "com.lstmautoml.core.space..")))
                .check(UI);
    }

    @Test
    void theDashboardsPackagesFormNoCycle() {
        slices().matching("com.lstmautoml.ui.(*)..").should().beFreeOfCycles().check(UI);
    }

    @Test
    void theSharedLayoutDependsOnNoFeature() {
        noClasses().that().resideInAPackage("com.lstmautoml.ui.layout..").should().dependOnClassesThat()
                .resideInAnyPackage("com.lstmautoml.ui.experiments..", "com.lstmautoml.ui.trials..",
                        "com.lstmautoml.ui.models..", "com.lstmautoml.ui.team..", "com.lstmautoml.ui.datasets..",
                        "com.lstmautoml.ui.charts..")
                .check(UI);
    }
}
