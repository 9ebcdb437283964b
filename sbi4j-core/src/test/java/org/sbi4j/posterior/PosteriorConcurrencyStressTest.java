package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sbi4j.data.Standardizer;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;

/**
 * Issue 25, "must show": one posterior (a neural spline flow) and one ensemble (5 flows) queried
 * from 32 threads at once, a fixed number of calls each: every result equals the single-threaded
 * one, at most {@link Posterior#workspaces()} workspaces are created, and the heap retained
 * after a full GC, with the 32 threads still alive (a server's pool), is at most pool ×
 * workspace + 64 MB above the heap before any query. (With one workspace per thread, as before,
 * it would be 32 workspaces: ~1.1 GB for the flow and ~5.7 GB for the ensemble.)
 */
class PosteriorConcurrencyStressTest {

    static final int THREADS = 32;
    static final int CALLS_PER_THREAD = 3;
    static final long SLACK = 64L << 20;
    static final int THETA = 2;
    static final int X = 3;

    private static Posterior posterior(EstimatorSpec spec) {
        ConditionalDensityEstimator est = spec.build(THETA, new int[] {X},
                EstimatorSpec.buildRng(7L));
        return PosteriorBuilder.of(est, spec, new int[] {X})
                .standardizers(Standardizer.of(new double[] {0.5, -1}, new double[] {2, 0.5}),
                        Standardizer.identity(X))
                .parameters(new ParameterSpace(List.of("a", "b"), new double[] {-50, -50},
                        new double[] {50, 50}))
                .provenance(Provenance.of(7L, Map.of())).build();
    }

    /** Call k: samples and log-densities at an observation and seed of its own. */
    private static List<Object> query(Posterior p, int k) {
        float[] xo = {0.1f * k, -0.05f * k, 1f};
        UniformRandomProvider rng = SimulationStreams.streamFor(99L, k);
        ConditionedPosterior c = p.at(xo);
        Matrix s = c.sample(48, rng);
        double[] lp = c.unnormalizedLogProb(s);
        ConditionedPosterior.Scored scored = c.sampleAndLogProb(16, rng);
        return List.of(s.data().clone(), lp, scored.samples().data().clone(),
                scored.unnormalizedLogProb());
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void manyThreadsGetTheSingleThreadedResultsInBoundedMemory() throws Exception {
        Posterior flow = posterior(EstimatorSpec.defaults("nsf"));
        Posterior ensemble = posterior(EstimatorSpec.defaults("nsf").withEnsemble(5))
                .withWorkspaces(3);
        List<Posterior> posteriors = List.of(flow, ensemble);

        // the size of one workspace of each, measured on the heap
        long[] wsBytes = new long[2];
        for (int i = 0; i < 2; i++) {
            long before = usedAfterGc();
            Object ws = posteriors.get(i).estimator().workspace(Posterior.WORKSPACE_ROWS);
            wsBytes[i] = usedAfterGc() - before;
            assertThat(ws).isNotNull();
        }
        long bound = flow.workspaces() * wsBytes[0] + ensemble.workspaces() * wsBytes[1] + SLACK;
        long baseline = usedAfterGc();

        int calls = THREADS * CALLS_PER_THREAD;
        List<List<List<Object>>> expected = new ArrayList<>();
        for (Posterior p : posteriors) {
            List<List<Object>> e = new ArrayList<>();
            for (int k = 0; k < calls; k++) {
                e.add(query(p, k));
            }
            expected.add(e);
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            List<int[]> which = new ArrayList<>();
            for (int k = 0; k < calls; k++) {
                for (int i = 0; i < 2; i++) {
                    Posterior p = posteriors.get(i);
                    int call = k;
                    futures.add(pool.submit(() -> query(p, call)));
                    which.add(new int[] {i, k});
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                int[] ik = which.get(f);
                List<Object> got = futures.get(f).get();
                List<Object> want = expected.get(ik[0]).get(ik[1]);
                for (int part = 0; part < want.size(); part++) {
                    assertThat(got.get(part)).as("posterior %d, call %d, part %d", ik[0], ik[1],
                            part).isEqualTo(want.get(part));
                }
            }
            long retained = usedAfterGc() - baseline;
            assertThat(flow.workspacesCreated()).isBetween(1, flow.workspaces());
            assertThat(ensemble.workspacesCreated()).isBetween(1, ensemble.workspaces());
            assertThat(retained).as("retained heap (bytes); workspaces %d and %d bytes, pools"
                            + " %d and %d", wsBytes[0], wsBytes[1], flow.workspaces(),
                    ensemble.workspaces()).isLessThanOrEqualTo(bound);
            System.out.printf("retained %.1f MB, bound %.1f MB (workspaces %.1f MB and %.1f MB,"
                            + " pools %d and %d)%n", retained / 1e6, bound / 1e6, wsBytes[0] / 1e6,
                    wsBytes[1] / 1e6, flow.workspaces(), ensemble.workspaces());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aPoolOfOneServesNestedQueriesOnOneThreadAndWaitsOnOthers() throws Exception {
        Posterior p = posterior(EstimatorSpec.defaults("mdn")).withWorkspaces(1);
        assertThat(p.workspaces()).isEqualTo(1);
        Matrix obs = Matrix.fromRows(new float[][] {{0, 0, 1}, {1, 1, 1}});
        List<Matrix> got = new ArrayList<>();
        // sampleEach holds a workspace and may call sample() again on the same thread
        p.sampleEach(obs, 10, SimulationStreams.streamFor(1L, 0), (i, s) -> got.add(s));
        assertThat(got).hasSize(2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> f = new ArrayList<>();
            Matrix theta = Matrix.fromRows(new float[][] {{0.1f, 0.2f}});
            for (int i = 0; i < 8; i++) {
                f.add(pool.submit(() -> p.at(new float[] {0, 0, 1}).unnormalizedLogProb(theta)));
            }
            double[] first = f.getFirst().get();
            for (Future<double[]> r : f) {
                assertThat(r.get()).containsExactly(first);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(p.workspacesCreated()).isEqualTo(1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> p.withWorkspaces(0)))
                .hasMessageContaining("workspace pool size must be at least 1, got 0");
    }
}
