package org.sbi4j.workflow.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import org.sbi4j.workflow.SimulationFolder;
import org.sbi4j.workflow.Source;
import org.sbi4j.workflow.StoreRunner;
import org.sbi4j.workflow.ProgressListener;

/**
 * Issue 17, item 5: the external simulator does what docs/external-simulators.md says, and the
 * docs' transcript is what the program sends (recorded by a tee between sbi4j and the program).
 */
class NewUserIssueExternalTest {

    static final Path DOCS = ExternalSimulatorTest.SIMULATORS.getParent().getParent()
            .resolve("docs/external-simulators.md");

    @TempDir
    Path tmp;

    /** The job of the docs' transcript, its program wrapped to record both directions. */
    private Path recordingJob(int batchSize) throws Exception {
        String program = ExternalSimulatorTest.PYTHON + " "
                + ExternalSimulatorTest.SIMULATORS.resolve("gaussian.py");
        return Files.writeString(tmp.resolve("job.yaml"), """
                priors:
                  - {name: a, distribution: uniform, low: -1, high: 1}
                  - {name: b, distribution: "normal(0, 0.5)"}
                simulator:
                  command: [sh, -c, "tee -a requests.log | %s | tee -a answers.log"]
                  x_dim: 2
                  batch_size: %d
                simulations: 5
                """.formatted(program, batchSize));
    }

    /** Runs simulations 0…num−1 of the job with seed 1 as 'sbi4j simulate' does. */
    private List<String> transcript(Path job, int num) throws Exception {
        try (Source src = Source.ofJob(job, true, Source.External.NONE)) {
            StoreSettings st = SimulationFolder.settings(src, 1, num);
            SimulationStore store = SimulationFolder.openNew(tmp.resolve("sims"), st, false);
            StoreRunner.run(store, src.prior(), src.simulator(), true, 2, ProgressListener.NONE
                    .stage("simulate", num));
            store.finish();
        }
        List<String> requests = Files.readAllLines(tmp.resolve("requests.log"));
        List<String> answers = Files.readAllLines(tmp.resolve("answers.log"));
        assertThat(answers).hasSameSizeAs(requests);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            lines.add("> " + requests.get(i));
            lines.add("< " + answers.get(i));
        }
        return lines;
    }

    @Test
    void item5_theDocsTranscriptIsWhatTheProgramSends() throws Exception {
        List<String> sent = transcript(recordingJob(3), 5);
        String docs = Files.readString(DOCS);
        int section = docs.indexOf("## Example transcript");
        assertThat(section).as("section in " + DOCS).isPositive();
        int end = docs.indexOf("\nAn answer in which", section);
        assertThat(end).as("end of the transcript section").isGreaterThan(section);
        List<String> documented = docs.substring(section, end).lines()
                .filter(l -> l.startsWith("> ") || l.startsWith("< ")).toList();
        assertThat(documented).as("the transcript in %s; the program sent:%n%s", DOCS,
                String.join("\n", sent)).isEqualTo(sent);
    }

    @Test
    void item5_batchSizeIsHonouredAndIndicesAreSent() throws Exception {
        // 250 simulations: store chunks of 120 (100 rounded up to whole batches), requests of
        // batch_size 40 rows, the last one the 10 left; indices 0…249 in order, each once.
        List<String> sent = transcript(recordingJob(40), 250);
        List<Integer> rows = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        for (String line : sent) {
            if (line.startsWith("> ")) {
                var req = org.sbi4j.workflow.JsonFiles.JSON.readTree(line.substring(2));
                rows.add(req.get("theta").size());
                assertThat(req.get("indices").size()).isEqualTo(req.get("seeds").size())
                        .isEqualTo(req.get("theta").size());
                req.get("indices").forEach(v -> indices.add(v.asLong()));
            }
        }
        assertThat(rows).containsExactly(40, 40, 40, 40, 40, 40, 10);
        assertThat(indices).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 250).boxed().toList());
    }
}
