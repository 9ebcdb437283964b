package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.List;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * f = f_k ∘ … ∘ f_1: θ passes through the transforms in list order; log-determinants add up
 * (zuko's {@code ComposedTransform}). Parameters are the concatenation, in order.
 */
public final class ComposedTransform implements ConditionalTransform {

    private final List<ConditionalTransform> transforms;
    private final List<Param> params;

    private ComposedTransform(List<ConditionalTransform> transforms) {
        this.transforms = transforms;
        List<Param> ps = new ArrayList<>();
        for (ConditionalTransform t : transforms) {
            ps.addAll(t.params());
        }
        this.params = List.copyOf(ps);
    }

    /** The composition applying {@code transforms.get(0)} first; all share D and context size. */
    public static ComposedTransform of(List<? extends ConditionalTransform> transforms) {
        if (transforms.isEmpty()) {
            throw new IllegalArgumentException("no transforms to compose");
        }
        ConditionalTransform first = transforms.get(0);
        for (int i = 1; i < transforms.size(); i++) {
            ConditionalTransform t = transforms.get(i);
            if (t.features() != first.features() || t.contextSize() != first.contextSize()) {
                throw new IllegalArgumentException("transform " + i + " maps " + t.features()
                        + " features with context " + t.contextSize() + ", transform 0 maps "
                        + first.features() + " with context " + first.contextSize());
            }
        }
        return new ComposedTransform(List.copyOf(transforms));
    }

    /** The transforms, first applied first. */
    public List<ConditionalTransform> transforms() {
        return transforms;
    }

    @Override
    public int features() {
        return transforms.get(0).features();
    }

    @Override
    public int contextSize() {
        return transforms.get(0).contextSize();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    private record Ws(Workspace[] parts) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        Workspace[] parts = new Workspace[transforms.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = transforms.get(i).workspace(maxRows);
        }
        return new Ws(parts);
    }

    @Override
    public Matrix forward(Matrix theta, Matrix context, float[] logAbsDet, Workspace ws) {
        Workspace[] parts = ((Ws) ws).parts;
        Matrix x = theta;
        for (int i = 0; i < parts.length; i++) {
            x = transforms.get(i).forward(x, context, logAbsDet, parts[i]);
        }
        return x;
    }

    @Override
    public Matrix backward(Matrix gradZ, float[] gradLogAbsDet, Matrix gradContext, Workspace ws) {
        Workspace[] parts = ((Ws) ws).parts;
        Matrix g = gradZ;
        for (int i = parts.length - 1; i >= 0; i--) {
            g = transforms.get(i).backward(g, gradLogAbsDet, gradContext, parts[i]);
        }
        return g;
    }

    @Override
    public Matrix inverse(Matrix z, Matrix context, float[] logAbsDet, Workspace ws) {
        Workspace[] parts = ((Ws) ws).parts;
        Matrix x = z;
        for (int i = parts.length - 1; i >= 0; i--) {
            x = transforms.get(i).inverse(x, context, logAbsDet, parts[i]);
        }
        return x;
    }
}
