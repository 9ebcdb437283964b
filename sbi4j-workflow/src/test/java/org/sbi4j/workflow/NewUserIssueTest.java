package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects a new user hit with observation files (each test named after the issue's item). */
class NewUserIssueTest {

    @TempDir
    Path tmp;

    @Test
    void item2_headerlessObservationCsvKeepsItsFirstRow() throws Exception {
        Path two = Files.writeString(tmp.resolve("two.csv"), "0.1,0.2\n0.3,0.4\n");
        List<float[]> rows = Observations.read(two, 2);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(0.1f, 0.2f);
        assertThat(rows.get(1)).containsExactly(0.3f, 0.4f);

        Path one = Files.writeString(tmp.resolve("one.csv"), "-1.5,2e-3\n");
        assertThat(Observations.read(one, 2)).singleElement()
                .satisfies(r -> assertThat(r).containsExactly(-1.5f, 2e-3f));

        Path named = Files.writeString(tmp.resolve("named.csv"), "x1,x2\n0.1,0.2\n");
        assertThat(Observations.read(named, 2)).hasSize(1);
    }

    private Path job(String observations) throws Exception {
        return Files.writeString(tmp.resolve("job.yaml"), """
                simulator: {task: two_moons}
                simulations: 300
                training: {max_epochs: 2}
                samples: 50
                seed: 1
                output: out
                """ + observations);
    }

    @Test
    void item4_runChecksObservationsBeforeSimulating() throws Exception {
        Path job = job("observations: absent.csv\n");
        assertThatThrownBy(() -> Analysis.of(job).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file: ")
                .hasMessageContaining("absent.csv");
        assertThat(tmp.resolve("out/simulations")).doesNotExist();

        Files.writeString(tmp.resolve("obs.csv"), "0.1,0.2\n0.3,nan\n");
        Path nan = job("observations: obs.csv\n");
        assertThatThrownBy(() -> Analysis.of(nan).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observation 2")
                .hasMessageContaining("must be finite");
        assertThat(tmp.resolve("out/simulations")).doesNotExist();

        Files.writeString(tmp.resolve("wide.csv"), "0.1,0.2,0.3\n");
        Path wide = job("observations: wide.csv\n");
        assertThatThrownBy(() -> Analysis.of(wide).threads(1).run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values per row")
                .hasMessageContaining("2");
        assertThat(tmp.resolve("out/simulations")).doesNotExist();
    }
}
