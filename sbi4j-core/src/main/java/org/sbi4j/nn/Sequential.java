package org.sbi4j.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sbi4j.tensor.Matrix;

/**
 * A chain of layers y = f_L(… f_2(f_1(x))): each layer's output size must equal the next
 * layer's input size.
 *
 * <p>Backward runs the layers in reverse, feeding each dL/dInput to the layer before. Parameters
 * are the concatenation of the layers' parameters in order; their names must be unique.
 */
public final class Sequential implements Layer {

    private final List<Layer> layers;
    private final List<Param> params;

    private Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        List<Param> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Layer l : layers) {
            for (Param p : l.params()) {
                if (!names.add(p.name())) {
                    throw new IllegalArgumentException("duplicate parameter name " + p.name());
                }
                all.add(p);
            }
        }
        this.params = List.copyOf(all);
    }

    /** Chains the layers (at least one); adjacent sizes must match. */
    public static Sequential of(Layer... layers) {
        return of(List.of(layers));
    }

    /** Chains the layers (at least one); adjacent sizes must match. */
    public static Sequential of(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a sequential network needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            Layer a = layers.get(i - 1);
            Layer b = layers.get(i);
            if (a.outputSize() != b.inputSize()) {
                throw new IllegalArgumentException("layer " + (i - 1) + " (" + a + ") outputs "
                        + a.outputSize() + " columns but layer " + i + " (" + b + ") expects "
                        + b.inputSize());
            }
        }
        return new Sequential(List.copyOf(layers));
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public int inputSize() {
        return layers.getFirst().inputSize();
    }

    @Override
    public int outputSize() {
        return layers.getLast().outputSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Workspace workspace(int maxRows) {
        Workspace[] ws = new Workspace[layers.size()];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = layers.get(i).workspace(maxRows);
        }
        return new Ws(ws);
    }

    @Override
    public Matrix forward(Matrix input, Workspace workspace) {
        Ws ws = Shapes.cast("Sequential", workspace, Ws.class);
        Matrix h = input;
        for (int i = 0; i < ws.parts.length; i++) {
            h = layers.get(i).forward(h, ws.parts[i]);
        }
        return h;
    }

    @Override
    public Matrix backward(Matrix gradOutput, Workspace workspace) {
        Ws ws = Shapes.cast("Sequential", workspace, Ws.class);
        Matrix g = gradOutput;
        for (int i = ws.parts.length - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, ws.parts[i]);
        }
        return g;
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }

    private record Ws(Workspace[] parts) implements Workspace {
    }
}
