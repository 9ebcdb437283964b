package org.sbi4j.workflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java programs of {@code examples/java} compile and run against the library jars and their
 * Maven dependencies alone — no picocli, progressbar or logging binding, no test library — as
 * the README shows: {@code javac} then {@code java --add-modules jdk.incubator.vector} without
 * any -XX option, from {@code examples/java}, with no arguments, within a minute each.
 */
class JavaExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples", "java").toAbsolutePath().normalize();

    /** The library part of this test's class path (test classes and test libraries left out). */
    static String libraryClassPath() {
        String cp = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        List<String> keep = Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.contains("test-classes") && !e.contains("junit")
                        && !e.contains("assertj") && !e.contains("opentest4j")
                        && !e.contains("apiguardian") && !e.contains("archunit")
                        && !e.contains("surefire") && !e.contains("slf4j-simple"))
                .toList();
        return String.join(File.pathSeparator, keep);
    }

    @ParameterizedTest
    @CsvSource({"QuickStart, 'A: 90 % interval'", "RunJob, 'sbc: '"})
    void compilesAndRunsOnTheLibraryAlone(String program, String expected, @TempDir Path classes)
            throws Exception {
        String cp = libraryClassPath();
        assertThat(cp).contains("sbi4j-core").contains("sbi4j-workflow")
                .doesNotContain("picocli").doesNotContain("progressbar");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", cp,
                EXAMPLES.resolve(program + ".java").toString());
        assertThat(rc).as("javac exit code").isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                cp + File.pathSeparator + classes, program)
                .directory(EXAMPLES.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("finished within 120 s; output:%n%s", output).isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains(expected);
        assertThat(output.lines().filter(l -> l.contains("Exception")).collect(
                Collectors.toList())).isEmpty();
        assertThat(Files.list(classes).count()).isPositive();
    }
}
