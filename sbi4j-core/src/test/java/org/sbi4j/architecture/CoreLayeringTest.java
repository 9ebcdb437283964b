package org.sbi4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form one chain: each may import only the packages before it (data flows
 * one way), and the core imports nothing of the modules built on it.
 */
class CoreLayeringTest {

    /** sbi4j-core's packages in dependency order (docs/design.md). */
    static final List<String> ORDER = List.of("tensor", "io", "nn", "optim", "prob", "flows",
            "sim", "mcmc", "store", "data", "train", "posterior", "diagnostics", "rounds", "nle",
            "nre", "npe");

    /** Packages of modules that sit above the core. */
    static final List<String> ABOVE = List.of("tasks", "plot", "workflow", "examples", "cli",
            "spark", "bench");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ORDER.stream().map(p -> "org.sbi4j." + p).toArray(String[]::new));
    }

    @Test
    void everyCorePackageHasClasses() {
        for (String p : ORDER) {
            org.assertj.core.api.Assertions.assertThat(core.stream()
                    .anyMatch(c -> c.getPackageName().equals("org.sbi4j." + p)))
                    .as("classes in org.sbi4j.%s", p).isTrue();
        }
    }

    @Test
    void eachPackageImportsOnlyThoseBeforeIt() {
        for (int i = 0; i < ORDER.size(); i++) {
            String[] later = ORDER.subList(i + 1, ORDER.size()).stream()
                    .map(p -> "org.sbi4j." + p + "..").toArray(String[]::new);
            if (later.length == 0) {
                continue;
            }
            noClasses().that().resideInAPackage("org.sbi4j." + ORDER.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .because("data flow one way: " + ORDER.get(i) + " comes before "
                            + String.join(", ", ORDER.subList(i + 1, ORDER.size())))
                    .check(core);
        }
    }

    @Test
    void coreImportsNoModuleAboveIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(ABOVE.stream()
                        .map(p -> "org.sbi4j." + p + "..").toArray(String[]::new))
                .because("the core is a library the other modules build on")
                .check(core);
    }

    @Test
    void coreUsesNoCommandLineOrLoggingBinding() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..",
                        "me.tongfei.progressbar..", "org.slf4j.simple..", "org.knowm.xchart..",
                        "tools.jackson..", "com.fasterxml.jackson..")
                .check(core);
    }
}
