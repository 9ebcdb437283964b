package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.prob.Priors;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.SimulationProgress;
import org.sbi4j.sim.Simulator;
import org.sbi4j.store.SimulationStore;
import org.sbi4j.store.StoreSettings;
import picocli.CommandLine;

class MergeCommandTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MergeCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** x = θ + N(0, 1) noise, one dimension. */
    static final Simulator NOISY = new Simulator() {
        @Override
        public int thetaDim() {
            return 1;
        }

        @Override
        public int xDim() {
            return 1;
        }

        @Override
        public void simulate(float[] t, int to, UniformRandomProvider rng, float[] x, int xo) {
            x[xo] = (float) (t[to] + rng.nextDouble() - 0.5);
        }
    };

    private Path shard(int i, int n, long seed) throws IOException {
        Prior prior = Priors.uniform("a", 0, 1);
        Path dir = tmp.resolve("shard" + i + "-" + seed);
        SimulationStore s = SimulationStore.open(dir,
                StoreSettings.of("noisy", "uniform(0,1)", seed, 100, 16, 1, 1).shard(i, n));
        s.run(prior, NOISY, 1, SimulationProgress.NONE);
        s.finish();
        return dir;
    }

    @Test
    void mergesShardsAndReportsTheCount() throws IOException {
        Path a = shard(0, 2, 1);
        Path b = shard(1, 2, 1);
        Path out = tmp.resolve("out");
        Result r = run("--out", out.toString(), b.toString(), a.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged 2 shards into").contains("kept 100 of 100");
        assertThat(SimulationStore.openExisting(out).summary().rows()).isEqualTo(100);
        assertThat(Files.size(out.resolve("index.npy"))).isEqualTo(128 + 800);

        Result again = run("--out", out.toString(), a.toString(), b.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(lastLine(again.err())).startsWith("error: ").contains("is not empty");
        assertThat(run("--overwrite", "--out", out.toString(), a.toString(), b.toString()).code())
                .isZero();
    }

    @Test
    void gapsAndForeignShardsFailWithAnErrorLine() throws IOException {
        Path a = shard(0, 3, 1);
        Result gap = run("--out", tmp.resolve("o1").toString(), a.toString(), shard(2, 3, 1).toString());
        assertThat(gap.code()).isEqualTo(1);
        assertThat(lastLine(gap.err())).isEqualTo("error: the shards do not cover simulations"
                + " 0..99: missing [33, 66)");
        Result foreign = run("--out", tmp.resolve("o2").toString(), a.toString(),
                shard(1, 3, 2).toString());
        assertThat(lastLine(foreign.err())).startsWith("error: ").contains("seed");
        Result missing = run("--out", tmp.resolve("o3").toString(), tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(lastLine(missing.err())).startsWith("error: ").contains("not a simulation store");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        assertThat(run("--out", tmp.toString()).code()).isEqualTo(2);
        assertThat(run(tmp.toString()).code()).isEqualTo(2);
    }

    private static String lastLine(String s) {
        List<String> lines = s.lines().toList();
        return lines.get(lines.size() - 1);
    }
}
