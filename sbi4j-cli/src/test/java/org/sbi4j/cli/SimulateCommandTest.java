package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.JsonFiles;
import org.junit.jupiter.api.io.TempDir;

/** simulate: shards merge to the unsharded files; a drawn seed is printed and recorded. */
class SimulateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void shardsMergeToTheFilesOfOneRun() throws Exception {
        Path whole = tmp.resolve("whole");
        assertThat(Cli.run("simulate", "--task", "gaussian_linear", "--num", "250", "--seed",
                "9", "--out", whole.toString(), "--quiet").code()).isZero();
        for (int i = 0; i < 2; i++) {
            Cli.Result r = Cli.run("simulate", "--task", "gaussian_linear", "--num", "250",
                    "--seed", "9", "--shard", i + "/2", "--out", tmp.resolve("s" + i).toString());
            assertThat(r.code()).as(r.toString()).isZero();
        }
        Map<String, Object> meta = JsonFiles.read(tmp.resolve("s1/metadata.json"));
        assertThat(meta).containsEntry("shard", "1/2").containsEntry("valid", 125);
        Path merged = tmp.resolve("merged");
        Cli.Result m = Cli.run("merge", "--out", merged.toString(), tmp.resolve("s1").toString(),
                tmp.resolve("s0").toString());
        assertThat(m.code()).as(m.toString()).isZero();
        for (String f : new String[] {"theta.npy", "x.npy", "index.npy"}) {
            assertThat(Files.readAllBytes(merged.resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(whole.resolve(f)));
        }
    }

    @Test
    void aDrawnSeedIsPrintedAndRecorded() throws Exception {
        Path out = tmp.resolve("drawn");
        Cli.Result r = Cli.run("simulate", "--task", "two_moons", "--num", "20", "--out",
                out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        Object seed = JsonFiles.read(out.resolve("metadata.json")).get("seed");
        assertThat(r.err()).contains("seed " + seed + " (drawn; pass --seed " + seed);
        // --overwrite replaces the finished run
        Cli.Result again = Cli.run("simulate", "--task", "two_moons", "--num", "30", "--seed",
                "4", "--out", out.toString(), "--overwrite");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(JsonFiles.read(out.resolve("metadata.json"))).containsEntry("seed", 4)
                .containsEntry("num", 30);
    }
}
