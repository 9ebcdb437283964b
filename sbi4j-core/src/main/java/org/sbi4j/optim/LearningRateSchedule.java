package org.sbi4j.optim;

/**
 * Learning rate as a function of the step index t = 0, 1, 2, … (the t-th optimiser step uses
 * {@code at(t)}).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** Learning rate for step t ≥ 0. */
    double at(long t);

    /** α for every step. */
    static LearningRateSchedule constant(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
        }
        return t -> lr;
    }

    /**
     * Linear warm-up then cosine decay (Loshchilov &amp; Hutter 2017, without restarts):
     * <pre>
     *   t &lt; W:        α·(t + 1)/W
     *   W ≤ t &lt; T:    α_min + (α − α_min)·½·(1 + cos(π·(t − W)/(T − W)))
     *   t ≥ T:        α_min
     * </pre>
     * so the first step already moves, step W−1 uses α, and step T−1 is just above α_min.
     *
     * @param lr          peak rate α &gt; 0
     * @param minLr       final rate α_min ∈ [0, α]
     * @param warmupSteps W ≥ 0
     * @param totalSteps  T &gt; W
     */
    static LearningRateSchedule cosine(double lr, double minLr, long warmupSteps,
                                       long totalSteps) {
        constant(lr);
        if (!(minLr >= 0 && minLr <= lr)) {
            throw new IllegalArgumentException("minimum learning rate " + minLr
                    + " must lie in [0, " + lr + "]");
        }
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warm-up steps < total steps, got "
                    + warmupSteps + " and " + totalSteps);
        }
        return t -> {
            if (t < 0) {
                throw new IllegalArgumentException("step must be >= 0, got " + t);
            }
            if (t < warmupSteps) {
                return lr * (t + 1) / warmupSteps;
            }
            if (t >= totalSteps) {
                return minLr;
            }
            double progress = (double) (t - warmupSteps) / (totalSteps - warmupSteps);
            return minLr + (lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}
