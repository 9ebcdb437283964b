package org.sbi4j.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.prob.Prior;

/** Tiny test-local prior and simulators (concrete priors live in org.sbi4j.prob). */
public final class TestModels {

    private TestModels() {
    }

    /** Uniform on [−1, 1]^dim, drawn as 2u − 1 with u = rng.nextDouble(). */
    public static Prior box(int dim) {
        return new Prior() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public List<String> names() {
                List<String> n = new ArrayList<>();
                for (int j = 0; j < dim; j++) {
                    n.add("t" + j);
                }
                return n;
            }

            @Override
            public void sample(UniformRandomProvider rng, float[] out, int off) {
                for (int j = 0; j < dim; j++) {
                    out[off + j] = (float) (2 * rng.nextDouble() - 1);
                }
            }

            @Override
            public double logProb(float[] theta, int off) {
                return inSupport(theta, off) ? -dim * Math.log(2) : Double.NEGATIVE_INFINITY;
            }

            @Override
            public double[] lower() {
                double[] v = new double[dim];
                java.util.Arrays.fill(v, -1);
                return v;
            }

            @Override
            public double[] upper() {
                double[] v = new double[dim];
                java.util.Arrays.fill(v, 1);
                return v;
            }
        };
    }

    /**
     * x_k = θ_0 + θ_1·k + u_k with u_k = rng.nextDouble() − 0.5, k &lt; xDim. Fails on purpose:
     * throws when θ_0 &gt; 0.8 and writes NaN into x_1 when θ_0 &lt; −0.8 (if {@code failing}).
     */
    public static Simulator line(int xDim, boolean failing) {
        return new Simulator() {
            @Override
            public int thetaDim() {
                return 2;
            }

            @Override
            public int xDim() {
                return xDim;
            }

            @Override
            public void simulate(float[] theta, int to, UniformRandomProvider rng, float[] x, int xo) {
                if (failing && theta[to] > 0.8f) {
                    throw new IllegalStateException("theta0 too large: " + theta[to]);
                }
                for (int k = 0; k < xDim; k++) {
                    x[xo + k] = (float) (theta[to] + theta[to + 1] * k + rng.nextDouble() - 0.5);
                }
                if (failing && theta[to] < -0.8f) {
                    x[xo + 1] = Float.NaN;
                }
            }
        };
    }
}
