package org.sbi4j.flows;

import org.apache.commons.rng.UniformRandomProvider;
import org.sbi4j.kernels.Activation;

/**
 * Settings of flow matching posterior estimation (FMPE; Wildberger, Dax et al. 2023): a
 * time-conditioned residual network v(θ_t, t, x) trained by conditional flow matching on the
 * Gaussian optimal-transport path, sampled and evaluated by integrating its ODE
 * ({@link FlowMatching}).
 *
 * @param hiddenFeatures    width of the residual network
 * @param blocks            residual blocks; θ_t enters the first layer, [time features, x]
 *                          the first layer and every block (added)
 * @param activation        activation of the blocks (smooth ones keep the ODE smooth)
 * @param timeFrequencies   F: t enters as cos(kπt), sin(kπt) for k = 1..F
 * @param sigmaMin          σ_min of the path θ_t = (1 − (1 − σ_min)t)·θ₀ + t·θ₁
 * @param timePriorExponent α of the time prior p(t) ∝ t^α on [0, 1] (paper; 0: uniform)
 * @param solver            the ODE solver: fixed-step RK4 or adaptive Dormand–Prince 5(4)
 * @param steps             RK4 steps from t = 0 to 1 (also the initial step 1/steps of DOPRI5)
 * @param tolerance         DOPRI5's relative and absolute tolerance per step
 * @param divergence        exact divergence (one backward pass per θ dimension) or
 *                          Hutchinson's estimate (one pass, a fixed Gaussian probe per row)
 */
public record FmpeSettings(int hiddenFeatures, int blocks, Activation activation,
                           int timeFrequencies, float sigmaMin, float timePriorExponent,
                           Solver solver, int steps, float tolerance, Divergence divergence)
        implements EstimatorSettings {

    /** How the probability-flow ODE is integrated. */
    public enum Solver {
        /** Classical fourth-order Runge–Kutta with {@code steps} equal steps. */
        RK4,
        /** Dormand–Prince 5(4) with step control per chunk of rows (local error ≤ tolerance). */
        DOPRI5
    }

    /** How the divergence of the field (the log-density's rate of change) is computed. */
    public enum Divergence {
        /** Σ_i ∂v_i/∂θ_i exactly: one backward pass per θ dimension. */
        EXACT,
        /** εᵀ(∂v/∂θ)ε with a fixed Gaussian ε per row: one backward pass, unbiased. */
        HUTCHINSON
    }

    public FmpeSettings {
        Settings.positive("hidden features", hiddenFeatures);
        if (blocks < 0) {
            throw new IllegalArgumentException("negative number of residual blocks: " + blocks);
        }
        Settings.notNull("activation", activation);
        Settings.positive("time frequencies", timeFrequencies);
        if (!(sigmaMin >= 0 && sigmaMin < 1)) {
            throw new IllegalArgumentException("sigma_min must be in [0, 1): " + sigmaMin);
        }
        if (!(timePriorExponent > -1) || Float.isInfinite(timePriorExponent)) {
            throw new IllegalArgumentException("time prior exponent must be finite and > -1: "
                    + timePriorExponent);
        }
        Settings.notNull("solver", solver);
        Settings.positive("steps", steps);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
        }
        Settings.notNull("divergence", divergence);
    }

    /**
     * The defaults, chosen on two moons at 10,000 simulations (docs/benchmarks.md, issue 21):
     * 64 wide × 4 blocks (128 wide: the same C2ST at 3× the time), GELU, 3 time frequencies,
     * σ_min = 10⁻⁴, time prior p(t) ∝ t (α = 1: C2ST 0.561 against 0.594 with α = 0), RK4
     * with 20 steps, tolerance 10⁻⁴, exact divergence.
     */
    public static FmpeSettings defaults() {
        return new FmpeSettings(64, 4, Activation.GELU, 3, 1e-4f, 1f, Solver.RK4, 20, 1e-4f,
                Divergence.EXACT);
    }

    /** "fmpe" in {@link EstimatorKinds}. */
    @Override
    public String kind() {
        return "fmpe";
    }

    @Override
    public FlowMatching build(int thetaDim, int contextDim, UniformRandomProvider rng) {
        return FlowMatching.of(VectorField.of(thetaDim, contextDim, this, rng), this,
                rng.nextLong());
    }

    public FmpeSettings withHiddenFeatures(int v) {
        return new FmpeSettings(v, blocks, activation, timeFrequencies, sigmaMin,
                timePriorExponent, solver, steps, tolerance, divergence);
    }

    public FmpeSettings withBlocks(int v) {
        return new FmpeSettings(hiddenFeatures, v, activation, timeFrequencies, sigmaMin,
                timePriorExponent, solver, steps, tolerance, divergence);
    }

    public FmpeSettings withActivation(Activation v) {
        return new FmpeSettings(hiddenFeatures, blocks, v, timeFrequencies, sigmaMin,
                timePriorExponent, solver, steps, tolerance, divergence);
    }

    public FmpeSettings withSolver(Solver v) {
        return new FmpeSettings(hiddenFeatures, blocks, activation, timeFrequencies, sigmaMin,
                timePriorExponent, v, steps, tolerance, divergence);
    }

    public FmpeSettings withSteps(int v) {
        return new FmpeSettings(hiddenFeatures, blocks, activation, timeFrequencies, sigmaMin,
                timePriorExponent, solver, v, tolerance, divergence);
    }

    public FmpeSettings withDivergence(Divergence v) {
        return new FmpeSettings(hiddenFeatures, blocks, activation, timeFrequencies, sigmaMin,
                timePriorExponent, solver, steps, tolerance, v);
    }

    public FmpeSettings withTimePriorExponent(float v) {
        return new FmpeSettings(hiddenFeatures, blocks, activation, timeFrequencies, sigmaMin,
                v, solver, steps, tolerance, divergence);
    }
}
