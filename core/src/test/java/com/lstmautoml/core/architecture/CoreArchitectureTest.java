package com.lstmautoml.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Guards on {@code core}'s shape (ArchUnit, on the compiled main classes): its packages form no cycle; it depends on
 * neither the service's framework nor the dashboard's, so workers and the offline tools can use it alone; and every
 * "now" comes from an injected {@link java.time.Clock} (durations use {@code System.nanoTime()}).
 */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.lstmautoml.core");
    }

    @Test
    void corePackagesFormNoCycle() {
        slices().matching("com.lstmautoml.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void coreUsesNoQuarkusNoVaadinAndNoJakartaContainer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "com.vaadin..",
                "jakarta.enterprise..", "jakarta.ws.rs..", "org.hibernate..").check(core);
    }

    @Test
    void everyNowComesFromAnInjectedClock() {
        noClasses().should().callMethod(Instant.class, "now").orShould().callMethod(System.class,
                "currentTimeMillis").check(core);
    }

    @Test
    void theDatabaseHelpersDependOnNothingElseOfCore() {
        noClasses().that().resideInAPackage("com.lstmautoml.core.db..").should().dependOnClassesThat()
                .resideInAnyPackage("com.lstmautoml.core.queue..", "com.lstmautoml.core.worker..",
                        "com.lstmautoml.core.training..").check(core);
    }
}
