package org.sbi4j.npe;

import org.sbi4j.prob.Prior;
import org.sbi4j.train.TrainingListener;

/**
 * What a method is built for: the prior, the observation x_o (flat, the simulator's xDim), the
 * NPE settings each round trains with, the thread setting and the epoch listener.
 */
public record MethodContext(Prior prior, float[] observation, NpeSettings settings, int threads,
                            TrainingListener listener) {

    public MethodContext {
        if (prior == null || observation == null || settings == null || listener == null) {
            throw new IllegalArgumentException("prior, observation, settings and listener are "
                    + "needed");
        }
        observation = observation.clone();
    }

    @Override
    public float[] observation() {
        return observation.clone();
    }
}
