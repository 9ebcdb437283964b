package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 6: a {@code class:} simulator outside the program's classpath, found through
 * the job's {@code classpath} key (relative to the job file) or {@code --classpath}, as with
 * {@code ./sbi4j} (which runs {@code java -jar}, so a JVM class path is ignored).
 */
class NewUserIssueClassCliTest {

    @TempDir
    Path tmp;

    /** Compiles demo.Shift (x = θ + 0.1·u) into {@code dir}, against sbi4j-core only. */
    private static Path compileSimulator(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo")).resolve("Shift.java");
        Files.writeString(src, """
                package demo;
                public class Shift implements org.sbi4j.sim.Simulator {
                    public int thetaDim() { return 2; }
                    public int xDim() { return 2; }
                    public void simulate(float[] t, int to,
                            org.apache.commons.rng.UniformRandomProvider rng, float[] x, int xo) {
                        x[xo] = t[to] + 0.1f * (float) rng.nextDouble();
                        x[xo + 1] = t[to + 1] - 0.1f * (float) rng.nextDouble();
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String cp = String.join(File.pathSeparator, location(org.sbi4j.sim.Simulator.class),
                location(org.apache.commons.rng.UniformRandomProvider.class));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", cp, "-d", classes.toString(),
                src.toString());
        assertThat(rc).as("javac").isZero();
        return classes;
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Path job(Path dir, String classpathLine) throws Exception {
        return Files.writeString(dir.resolve("job.yaml"), """
                priors:
                  - {name: a, distribution: "uniform(-1, 1)"}
                  - {name: b, distribution: "uniform(-1, 1)"}
                simulator:
                  class: demo.Shift
                %s
                simulations: 200
                training: {max_epochs: 1}
                samples: 20
                observations: [[0.1, -0.2]]
                """.formatted(classpathLine));
    }

    @Test
    void item6_aClassSimulatorIsFoundThroughTheJobsClasspathOrTheOption() throws Exception {
        Path study = Files.createDirectories(tmp.resolve("study"));
        Path classes = compileSimulator(study.resolve("build"));
        assertThat(classes.resolve("demo/Shift.class")).isRegularFile();

        // the job key, relative to the job file's folder
        Path withKey = job(study, "  classpath: [build/classes]");
        Cli.Result r = Cli.run("simulate", "--job", withKey.toString(), "--num", "200", "--seed",
                "1", "--out", tmp.resolve("a").toString(), "--quiet");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("kept 200 of 200");

        // not found: the error names the classpath searched and both ways out
        Path plain = Files.writeString(tmp.resolve("plain.yaml"), Files.readString(
                job(Files.createDirectories(tmp.resolve("p")), "")));
        Cli.Result missing = Cli.run("simulate", "--job", plain.toString(), "--num", "200",
                "--seed", "1", "--out", tmp.resolve("b").toString(), "--quiet");
        assertThat(missing.code()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.lastErrLine()).contains("simulator class 'demo.Shift' is not on the"
                + " classpath searched: ", "'classpath: [...]'", "--classpath");
        assertThat(tmp.resolve("b/theta.npy")).doesNotExist();

        // the option, relative to the working directory; the same numbers as with the key
        r = Cli.run("simulate", "--job", plain.toString(), "--num", "200", "--seed", "1",
                "--classpath", classes.toString(), "--out", tmp.resolve("c").toString(),
                "--quiet");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("c/x.npy")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/x.npy")));

        Cli.Result absent = Cli.run("simulate", "--job", withKey.toString(), "--num", "200",
                "--seed", "1", "--classpath",
                tmp.resolve("nowhere").toString(), "--out", tmp.resolve("d").toString());
        assertThat(absent.code()).isEqualTo(1);
        assertThat(absent.lastErrLine()).contains("--classpath entry " + tmp.resolve("nowhere")
                + " does not exist");

        // run takes the option too
        Cli.Result run = Cli.run("run", plain.toString(), "--classpath", classes.toString(),
                "--seed", "1", "--out", tmp.resolve("report").toString(), "--quiet");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(tmp.resolve("report/samples.csv")).isRegularFile();
    }
}
