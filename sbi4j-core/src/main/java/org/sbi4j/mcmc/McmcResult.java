package org.sbi4j.mcmc;

import org.sbi4j.tensor.Matrix;

/**
 * The kept draws of a {@link SliceSampler} run, with their diagnostics.
 *
 * <p>Shape: {@code draws} is chains × perChain × dim, row-major: coordinate j of draw t of
 * chain c is {@code draws[(c·perChain + t)·dim + j]}.
 *
 * @param draws       the kept draws (after warm-up and thinning)
 * @param chains      number of chains
 * @param perChain    kept draws per chain
 * @param diagnostics split R-hat and bulk ESS per coordinate, and warnings
 * @param evaluations points evaluated by the target (starts, SIR candidates, every step)
 */
public record McmcResult(double[] draws, int chains, int perChain, McmcDiagnostics diagnostics,
                         long evaluations) {

    public McmcResult {
        if (chains < 1 || perChain < 1 || draws.length % (chains * perChain) != 0) {
            throw new IllegalArgumentException(draws.length + " values are not " + chains
                    + " chains of " + perChain + " draws");
        }
        draws = draws.clone();
    }

    @Override
    public double[] draws() {
        return draws.clone();
    }

    /** Dimension of one draw. */
    public int dim() {
        return draws.length / (chains * perChain);
    }

    /** Coordinate j of every chain: [chain][draw]. */
    public double[][] coordinate(int j) {
        int d = dim();
        double[][] out = new double[chains][perChain];
        for (int c = 0; c < chains; c++) {
            for (int t = 0; t < perChain; t++) {
                out[c][t] = draws[(c * perChain + t) * d + j];
            }
        }
        return out;
    }

    /**
     * The first n draws in iteration order (draw 0 of every chain, then draw 1 …), as an
     * n × dim float matrix; n ≤ chains·perChain.
     */
    public Matrix samples(int n) {
        if (n < 0 || n > chains * perChain) {
            throw new IllegalArgumentException("asked for " + n + " draws, the run kept "
                    + chains * perChain);
        }
        int d = dim();
        Matrix m = Matrix.of(n, d);
        for (int i = 0; i < n; i++) {
            int c = i % chains;
            int t = i / chains;
            for (int j = 0; j < d; j++) {
                m.set(i, j, (float) draws[(c * perChain + t) * d + j]);
            }
        }
        return m;
    }
}
