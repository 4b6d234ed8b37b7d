package com.lstmautoml.ui.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Guards on the dashboard's code (ArchUnit, on the compiled main classes): every "now" comes from the injected
 * {@link java.time.Clock}, so tests move time instead of sleeping; and the dashboard never reaches into the service
 * that packages it (it talks to core's interfaces).
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
}
