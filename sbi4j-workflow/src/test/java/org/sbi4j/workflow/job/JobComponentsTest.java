package org.sbi4j.workflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.workflow.external.ExternalSimulator;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.io.NpyArray;
import org.sbi4j.sim.Simulator;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tensor.Matrix;

class JobComponentsTest {

    /** A class simulator for the tests: x = θ (two values). */
    public static final class Identity implements Simulator {
        @Override
        public int thetaDim() {
            return 2;
        }

        @Override
        public int xDim() {
            return 2;
        }

        @Override
        public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                             int xOff) {
            System.arraycopy(theta, thetaOff, x, xOff, 2);
        }
    }

    /** A simulator that cannot be constructed without arguments. */
    public static final class NeedsArgument implements Simulator {
        private final int dim;

        public NeedsArgument(int dim) {
            this.dim = dim;
        }

        @Override
        public int thetaDim() {
            return dim;
        }

        @Override
        public int xDim() {
            return dim;
        }

        @Override
        public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                             int xOff) {
            System.arraycopy(theta, thetaOff, x, xOff, dim);
        }
    }

    static JobFile yaml(String text) {
        return JobFileReader.parse(text, JobFileReader.Format.YAML, "j.yaml");
    }

    static final String TWO_PRIORS = "priors: [{name: a, distribution: \"normal(0, 1)\"},"
            + " {name: b, distribution: \"normal(0, 1)\"}]\nsimulations: 5\n";

    @Test
    void taskJobsUseTheTasksPriorSimulatorAndObservations() {
        JobFile job = yaml("simulator: {task: two_moons}\nsimulations: 5\n"
                + "observations: {task: [1, 3]}\n");
        assertThat(JobComponents.prior(job).names())
                .isEqualTo(Tasks.byName("two_moons").prior().names());
        assertThat(JobComponents.simulator(job).xDim()).isEqualTo(2);
        Matrix x = JobComponents.observations(job, 2);
        assertThat(x.rows()).isEqualTo(2);
        assertThat(new float[] {x.data()[2], x.data()[3]})
                .containsExactly(Tasks.byName("two_moons").observation(3));
        assertThatThrownBy(() -> JobComponents.prior(yaml("simulator: {task: two_moons}\n"
                + "simulations: 5\npriors: [{name: a, distribution: \"normal(0, 1)\"}]\n")))
                .hasMessageContaining("gives 1 priors but task 'two_moons' has 2 parameters");
    }

    @Test
    void classSimulatorsAreInstantiatedAndChecked() {
        JobFile job = yaml("simulator: {class: " + Identity.class.getName() + "}\n"
                + TWO_PRIORS);
        assertThat(JobComponents.simulator(job)).isInstanceOf(Identity.class);
        assertThat(JobComponents.prior(job).dim()).isEqualTo(2);
        assertThatThrownBy(() -> JobComponents.instantiate("org.example.Missing"))
                .hasMessageContaining("'org.example.Missing' is not on the classpath");
        assertThatThrownBy(() -> JobComponents.instantiate("java.lang.String"))
                .hasMessageContaining("does not implement org.sbi4j.sim.Simulator");
        assertThatThrownBy(() -> JobComponents.simulator(yaml("simulator: {class: "
                + Identity.class.getName() + "}\nsimulations: 5\n"
                + "priors: [{name: a, distribution: \"normal(0, 1)\"}]\n")))
                .hasMessageContaining("expects 2 parameters but the job gives 1 priors [a]");
    }

    @Test
    void aClassWithoutNoArgumentConstructorIsReported() {
        assertThatThrownBy(() -> JobComponents.instantiate(NeedsArgument.class.getName()))
                .hasMessageContaining("needs a public no-argument constructor");
    }

    @Test
    void commandJobsGiveAnExternalSimulator() {
        JobFile job = yaml("simulator: {command: [python3, sim.py], x_dim: 3, workers: 2}\n"
                + TWO_PRIORS);
        try (ExternalSimulator s = (ExternalSimulator) JobComponents.simulator(job)) {
            assertThat(s.thetaDim()).isEqualTo(2);
            assertThat(s.xDim()).isEqualTo(3);
            assertThat(s.config().workers()).isEqualTo(2);
        }
    }

    @Test
    void observationFilesAreRead(@TempDir Path dir) throws Exception {
        Npy.write(dir.resolve("one.npy"), NpyArray.ofFloat(new float[] {1f, 2f}, 2));
        Npy.write(dir.resolve("two.npy"), Matrix.wrap(new float[] {1, 2, 3, 4}, 2, 2));
        Csv.write(dir.resolve("x.csv"), List.of("x1", "x2"), Matrix.wrap(new float[] {5, 6}, 1,
                2));
        Files.writeString(dir.resolve("j.yaml"), "simulator: {class: "
                + Identity.class.getName() + "}\n" + TWO_PRIORS + "observations: one.npy\n");
        JobFile one = JobFileReader.read(dir.resolve("j.yaml"));
        assertThat(JobComponents.observations(one, 2).data()).containsExactly(1f, 2f);
        JobFile two = new JobFile(one.priors(), one.simulator(), 5, null, null, null,
                new ObservationsSpec(null, dir.resolve("two.npy").toString(), null), null, null,
                null, null, null, null, null);
        assertThat(JobComponents.observations(two, 2).rows()).isEqualTo(2);
        JobFile csv = new JobFile(one.priors(), one.simulator(), 5, null, null, null,
                new ObservationsSpec(null, dir.resolve("x.csv").toString(), null), null, null,
                null, null, null, null, null);
        assertThat(JobComponents.observations(csv, 2).data()).containsExactly(5f, 6f);
        assertThatThrownBy(() -> JobComponents.observations(csv, 3))
                .hasMessageContaining("have 2 values per row but the simulator gives 3");
        assertThat(JobComponents.observations(new JobFile(one.priors(), one.simulator(), 5,
                null, null, null, null, null, null, null, null, null, null, null), 2)).isNull();
    }
}
