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
        int size = Simulator.xDimOf(xShape);
        if (function == null) {
            throw new IllegalArgumentException("the simulator function must not be null");
        }
        this.thetaDim = thetaDim;
        this.xShape = xShape.clone();
        this.xDim = size;
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
