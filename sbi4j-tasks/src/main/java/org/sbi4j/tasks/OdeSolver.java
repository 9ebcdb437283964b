package org.sbi4j.tasks;

import java.util.Arrays;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Solves an ODE with hipparchus' adaptive Dormand-Prince 5(4) integrator (the same order as
 * the Tsit5 method sbibm uses) at tight tolerances, reading the solution at given output times
 * from the dense-output interpolator of each accepted step (as DifferentialEquations.jl's
 * {@code saveat} does), so the output grid does not influence the step sizes.
 * Reference: Dormand &amp; Prince, J. Comput. Appl. Math. 6 (1980) 19–26.
 */
final class OdeSolver {

    /** Relative and absolute tolerance (sbibm: rtol = atol = 1e-8). */
    static final double TOLERANCE = 1e-8;
    /** A solve taking more derivative evaluations than this counts as failed. */
    static final int MAX_EVALUATIONS = 1_000_000;

    private OdeSolver() {
    }

    /**
     * Integrates from {@code y0} at {@code times[0]} to {@code times[last]} (times ascending) and
     * writes y(times[j]) into {@code out[j]} (arrays of the ODE dimension).
     *
     * @return false if the solver failed (step size underflow, too many evaluations, non-finite
     *     state); {@code out} is then filled with NaN
     */
    static boolean solve(OrdinaryDifferentialEquation ode, double[] y0, double[] times, double[][] out) {
        double span = times[times.length - 1] - times[0];
        DormandPrince54Integrator integrator =
                new DormandPrince54Integrator(1e-12 * span, span, TOLERANCE, TOLERANCE);
        integrator.setMaxEvaluations(MAX_EVALUATIONS);
        int[] next = {0};
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator s) {
                double end = s.getCurrentState().getTime();
                while (next[0] < times.length && times[next[0]] <= end) {
                    double[] y = s.getInterpolatedState(times[next[0]]).getPrimaryState();
                    System.arraycopy(y, 0, out[next[0]], 0, y.length);
                    next[0]++;
                }
            }
        });
        boolean ok;
        try {
            integrator.integrate(ode, new ODEState(times[0], y0.clone()), times[times.length - 1]);
            ok = next[0] == times.length;
        } catch (MathRuntimeException | ArithmeticException e) {
            ok = false;
        }
        for (int j = 0; ok && j < times.length; j++) {
            for (double v : out[j]) {
                ok &= Double.isFinite(v);
            }
        }
        if (!ok) {
            for (double[] row : out) {
                Arrays.fill(row, Double.NaN);
            }
        }
        return ok;
    }
}
