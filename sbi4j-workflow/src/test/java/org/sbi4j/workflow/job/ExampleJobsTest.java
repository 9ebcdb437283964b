package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.external.ExternalSimulator;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.sim.Simulations;
import org.sbi4j.tensor.Matrix;

/** The shipped example jobs parse, agree with docs/job-file.md, and the external one runs. */
class ExampleJobsTest {

    static final Path ROOT = findRoot();

    static Path findRoot() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/jobs"))) {
                return p;
            }
        }
        throw new IllegalStateException("examples/jobs not found");
    }

    /** The first fenced code block after the heading that starts with {@code heading}. */
    static String docBlock(String heading) throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/job-file.md"));
        int h = doc.indexOf("## " + heading);
        assertThat(h).as("heading %s", heading).isNotNegative();
        int open = doc.indexOf("```", h);
        int start = doc.indexOf('\n', open) + 1;
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void twoMoonsExampleParsesAndMatchesTheDocs() throws Exception {
        Path file = ROOT.resolve("examples/jobs/two_moons.yaml");
        JobFile job = JobFileReader.parse(Files.readString(file), JobFileReader.Format.YAML,
                file.toString());
        assertThat(JobFileReader.parse(docBlock("Example: a built-in task"),
                JobFileReader.Format.YAML, "doc")).isEqualTo(job);
        JobFile read = JobFileReader.read(file);
        assertThat(read.output()).isEqualTo(file.getParent().resolve("two_moons-out").toString());
        Prior prior = JobComponents.prior(read);
        assertThat(prior.dim()).isEqualTo(2);
        assertThat(JobComponents.observations(read, 2).rows()).isEqualTo(2);
    }

    @Test
    void externalPythonExampleParsesMatchesTheDocsAndRuns() throws Exception {
        Path file = ROOT.resolve("examples/jobs/external_python.json");
        JobFile job = JobFileReader.parse(Files.readString(file), JobFileReader.Format.JSON,
                file.toString());
        assertThat(JobFileReader.parse(docBlock("Example: an external Python simulator"),
                JobFileReader.Format.JSON, "doc")).isEqualTo(job);
        JobFile read = JobFileReader.read(file);
        Prior prior = JobComponents.prior(read);
        assertThat(prior.nuisance()).containsExactly(false, false, true);
        Matrix xo = JobComponents.observations(read, 3);
        assertThat(xo.data()).containsExactly(0.3f, -0.2f, 0.1f);
        try (ExternalSimulator sim = (ExternalSimulator) JobComponents.simulator(read)) {
            SimulationResult r = Simulations.builder(prior, sim).seed(read.seed()).threads(2)
                    .run(30);
            assertThat(r.invalid()).isZero();
            // gaussian.py returns theta + 0.1 z; |z| < 6 fails with probability ~2e-9 per value
            for (int k = 0; k < r.x().size(); k++) {
                assertThat(Math.abs(r.x().data()[k] - r.theta().data()[k])).isLessThan(0.6f);
            }
        }
    }
}
