package org.sbi4j.sim;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** A {@link Simulator} calling a {@link SimulatorFunction} per row (see {@link Simulator#of}). */
final class FunctionSimulator implements Simulator {

    private final int thetaDim;
    private final int[] xShape;
    private final int xDim;
    private final SimulatorFunction function;

    FunctionSimulator(int thetaDim, int[] xShape, SimulatorFunction function) {
        if (thetaDim < 1) {
            throw new IllegalArgumentException("thetaDim must be >= 1, got " + thetaDim);
        }
        if (xShape == null || xShape.length == 0) {
            throw new IllegalArgumentException("the x shape needs at least one entry, got "
                    + Arrays.toString(xShape));
        }
        long size = 1;
        for (int s : xShape) {
            if (s < 1) {
                throw new IllegalArgumentException("every x shape entry must be >= 1, got "
                        + Arrays.toString(xShape));
            }
            size *= s;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the x shape " + Arrays.toString(xShape)
                        + " has more than " + Integer.MAX_VALUE + " values");
            }
        }
        if (function == null) {
            throw new IllegalArgumentException("the simulator function must not be null");
        }
        this.thetaDim = thetaDim;
        this.xShape = xShape.clone();
        this.xDim = (int) size;
        this.function = function;
    }

    @Override
    public int thetaDim() {
        return thetaDim;
    }

    @Override
    public int xDim() {
        return xDim;
    }

    @Override
    public int[] xShape() {
        return xShape.clone();
    }

    @Override
    public void simulate(float[] theta, int thetaOff, UniformRandomProvider rng, float[] x,
                         int xOff) {
        float[] out = function.simulate(Arrays.copyOfRange(theta, thetaOff, thetaOff + thetaDim),
                rng);
        if (out == null || out.length != xDim) {
            throw new IllegalStateException("the simulator function returned "
                    + (out == null ? "null" : out.length + " values") + ", expected x of "
                    + xDim + " values (shape " + Arrays.toString(xShape) + ")");
        }
        System.arraycopy(out, 0, x, xOff, xDim);
    }

    @Override
    public String toString() {
        return "Simulator.of(θ " + thetaDim + ", x " + Arrays.toString(xShape) + ")";
    }
}
