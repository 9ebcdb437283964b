package org.sbi4j.posterior;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.flows.ConditionalDensityEstimator;
import org.sbi4j.sim.SimulationStreams;
import org.sbi4j.tensor.Matrix;

/** The share of a conditioned estimator's mass inside the prior's support, by sampling. */
final class Acceptance {

    private Acceptance() {
    }

    /**
     * {@value ConditionedPosterior#ACCEPTANCE_DRAWS} draws at the standardised observation
     * {@code context} from a generator derived from the provenance seed and the observation's
     * bits (reproducible, no global seed); the share inside the support (every draw examined).
     */
    static double estimate(Posterior posterior, float[] observation, Matrix context) {
        long bits = 0;
        for (float v : observation) {
            bits = bits * 31 + Float.floatToIntBits(v);
        }
        // stream indices must be >= 0: drop the sign bit of the hash
        UniformRandomProvider rng = SimulationStreams.streamFor(posterior.provenance().seed(),
                bits & Long.MAX_VALUE);
        ConditionalDensityEstimator est = posterior.estimator();
        int n = ConditionedPosterior.ACCEPTANCE_DRAWS;
        Matrix z;
        try (WorkspacePool.Lease lease = posterior.lease()) {
            z = est.sample(n, context, rng, lease.workspace());
        }
        Matrix theta = posterior.thetaStandardizerAt(context.data(), 0).inverseInPlace(z);
        int in = 0;
        for (int i = 0; i < theta.rows(); i++) {
            if (posterior.inSupport(theta, i)) {
                in++;
            }
        }
        // a zero count would make every density infinite: use half a draw instead
        return Math.max(in, 0.5) / n;
    }
}
