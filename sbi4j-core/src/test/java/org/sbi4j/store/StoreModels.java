package org.sbi4j.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;
import org.sbi4j.sim.Simulator;

/** Test prior and simulators for the store tests (kept here: the sim test models are private). */
final class StoreModels {

    private StoreModels() {
    }

    /** The sim tests' uniform box prior on [−1, 1]^dim. */
    static Prior box(int dim) {
        return org.sbi4j.sim.TestModels.box(dim);
    }

    static class Line implements Simulator {
        final AtomicLong calls = new AtomicLong();
        private final long sleepMillis;

        Line(long sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        @Override
        public int thetaDim() {
            return 2;
        }

        @Override
        public int xDim() {
            return 3;
        }

        @Override
        public void simulate(float[] theta, int to, UniformRandomProvider rng, float[] x, int xo) {
            calls.incrementAndGet();
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (theta[to] > 0.8f) {
                throw new IllegalStateException("theta0 too large: " + theta[to]);
            }
            for (int k = 0; k < 3; k++) {
                x[xo + k] = (float) (theta[to] + theta[to + 1] * k + rng.nextDouble() - 0.5);
            }
        }
    }

    /** A Line that throws an Error (aborting the run, like a kill) after {@code limit} calls. */
    static final class Crashing extends Line {
        private final long limit;

        Crashing(long limit) {
            super(0);
            this.limit = limit;
        }

        @Override
        public void simulate(float[] theta, int to, UniformRandomProvider rng, float[] x, int xo) {
            if (calls.get() >= limit) {
                throw new OutOfMemoryError("simulated crash after " + limit + " simulations");
            }
            super.simulate(theta, to, rng, x, xo);
        }
    }

    /** The settings the tests use: "line" with a box prior, θ 2, x 3. */
    static StoreSettings settings(long seed, long n, int chunkSize) {
        return StoreSettings.of("line", "box(-1, 1)^2", seed, n, chunkSize, 2, 3);
    }
}
