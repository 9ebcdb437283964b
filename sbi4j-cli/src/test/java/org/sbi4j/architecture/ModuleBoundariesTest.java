package org.sbi4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules form one chain, kernels → core → tasks → plot → workflow → examples → cli: each
 * imports only the modules before it; only the command line uses picocli, progressbar and a
 * logging binding; the command line holds no job-file or external-simulator code (it calls the
 * workflow library). The core's own package order is CoreLayeringTest's.
 */
class ModuleBoundariesTest {

    /** Root packages of the modules, in dependency order (core spans several packages). */
    static final List<List<String>> ORDER = List.of(
            List.of("org.sbi4j.kernels.."),
            List.of("org.sbi4j.tensor..", "org.sbi4j.io..", "org.sbi4j.nn..", "org.sbi4j.optim..",
                    "org.sbi4j.prob..", "org.sbi4j.flows..", "org.sbi4j.sim..",
                    "org.sbi4j.store..", "org.sbi4j.data..", "org.sbi4j.train..",
                    "org.sbi4j.posterior..", "org.sbi4j.diagnostics..", "org.sbi4j.rounds..",
                    "org.sbi4j.npe.."),
            List.of("org.sbi4j.tasks.."),
            List.of("org.sbi4j.plot.."),
            List.of("org.sbi4j.workflow.."),
            List.of("org.sbi4j.examples.."),
            List.of("org.sbi4j.cli.."));

    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.sbi4j");
    }

    @Test
    void everyModuleIsImported() {
        for (List<String> module : ORDER) {
            String root = module.get(0).replace("..", "");
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
                    .as("classes of %s", root).isTrue();
        }
    }

    @Test
    void eachModuleImportsOnlyThoseBeforeIt() {
        for (int i = 0; i < ORDER.size() - 1; i++) {
            String[] later = ORDER.subList(i + 1, ORDER.size()).stream().flatMap(List::stream)
                    .toArray(String[]::new);
            noClasses().that().resideInAnyPackage(ORDER.get(i).toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .because("modules depend one way: " + ORDER.get(i) + " sits below "
                            + String.join(", ", later))
                    .check(classes);
        }
    }

    @Test
    void onlyTheCommandLineUsesPicocliProgressbarOrALoggingBinding() {
        noClasses().that().resideOutsideOfPackage("org.sbi4j.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..",
                        "me.tongfei.progressbar..", "org.slf4j.simple..", "org.slf4j.jul..")
                .check(classes);
    }

    @Test
    void theCommandLineHoldsNoJobFileOrExternalSimulatorCode() {
        noClasses().that().resideInAPackage("org.sbi4j.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..",
                        "com.fasterxml.jackson..")
                .because("job files are read by org.sbi4j.workflow.job")
                .check(classes);
        noClasses().that().resideInAPackage("org.sbi4j.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class
                        .getName())
                .because("external simulators run in org.sbi4j.workflow.external")
                .check(classes);
    }

    @Test
    void onlyTheWorkflowAndTheCommandLineReadJobFiles() {
        noClasses().that().resideOutsideOfPackages("org.sbi4j.workflow..", "org.sbi4j.cli..",
                        "org.sbi4j.examples..")
                .should().dependOnClassesThat().resideInAnyPackage("org.sbi4j.workflow..")
                .check(classes);
    }
}
