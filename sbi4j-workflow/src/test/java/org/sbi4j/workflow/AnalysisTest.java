package org.sbi4j.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.io.Csv;
import org.sbi4j.io.Npy;
import org.sbi4j.train.TrainingListener;

/** The run pipeline as a library call, on a tiny two-moons job. */
class AnalysisTest {

    @TempDir
    Path tmp;

    private Path job(String extra) throws Exception {
        return Files.writeString(tmp.resolve("job.yaml"), """
                simulator: {task: two_moons}
                simulations: 300
                training: {max_epochs: 2}
                observations: {task: [1]}
                samples: 50
                output: out
                """ + extra);
    }

    /** Records the notes and the stages it is told about. */
    static final class Recorder implements ProgressListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void note(String message) {
            events.add("note " + message);
        }

        @Override
        public void warn(String message) {
            events.add("warn " + message);
        }

        @Override
        public Stage stage(String name, long total) {
            events.add("stage " + name + " " + total);
            return (done, all) -> { };
        }

        @Override
        public TrainingListener epochLog() {
            return TrainingListener.NONE;
        }

        @Override
        public Training training(int maxEpochs) {
            events.add("training " + maxEpochs);
            return epoch -> true;
        }
    }

    @Test
    void runWritesTheReportFolderIntoTheJobsOutput() throws Exception {
        Recorder progress = new Recorder();
        RunSummary s = Analysis.of(job("seed: 5\ndiagnostics: [identifiability]\n")).threads(2)
                .progress(progress).run();
        Path out = tmp.resolve("out");
        assertThat(s.dir()).isEqualTo(out);
        assertThat(Npy.readMatrix(out.resolve("simulations/theta.npy")).rows()).isEqualTo(300);
        assertThat(Csv.read(out.resolve("samples.csv")).values().rows()).isEqualTo(50);
        assertThat(out.resolve("model.sbi4j")).isNotEmptyFile();
        assertThat(out.resolve("identifiability-1.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("summary.md"))).isEqualTo(s.markdown())
                .contains("| seed | 5 |", "| simulations | 300 |", "- identifiability, observation 1: ");
        assertThat(s.verdicts()).singleElement().asString().startsWith("identifiability, observation 1: ");
        assertThat(progress.events).contains("stage simulate 300", "training 2", "stage sample 50");
        assertThat(progress.events.getFirst()).startsWith("note run: ").contains("seed 5");
    }

    @Test
    void badSettingsAreRefusedBeforeAnyWork() throws Exception {
        Path job = job("");
        Analysis a = Analysis.of(job);
        assertThat(a.hasSeed()).isFalse();
        assertThat(a.seed(3).hasSeed()).isTrue();
        assertThatThrownBy(a::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no seed").hasMessageContaining(job.toString());
        assertThatThrownBy(() -> a.threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> a.progress(null)).isInstanceOf(IllegalArgumentException.class);
        Analysis sbc = Analysis.of(job("seed: 1\ndiagnostics: [sbc]\n")).tests(1, 10);
        assertThatThrownBy(sbc::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1 and 10");
        assertThat(tmp.resolve("out")).doesNotExist();
        assertThatThrownBy(() -> Analysis.of(tmp.resolve("missing.yaml")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
