package org.sbi4j.flows;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sbi4j.nn.Param;
import org.sbi4j.tensor.Matrix;

/**
 * Feature permutation z_j = θ_{π(j)}, log|det| = 0, no parameters (zuko's
 * {@code PermutationTransform}); MAF puts reversals between autoregressive layers.
 */
public final class Permutation implements ConditionalTransform {

    private final int[] perm;
    private final int contextSize;

    private Permutation(int[] perm, int contextSize) {
        this.perm = perm;
        this.contextSize = contextSize;
    }

    /** z_j = θ_{perm[j]}; perm must be a permutation of 0..D−1. */
    public static Permutation of(int[] perm, int contextSize) {
        boolean[] seen = new boolean[perm.length];
        for (int p : perm) {
            if (p < 0 || p >= perm.length || seen[p]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (perm.length - 1)
                        + ": " + Arrays.toString(perm));
            }
            seen[p] = true;
        }
        if (contextSize < 0) {
            throw new IllegalArgumentException("negative context size " + contextSize);
        }
        return new Permutation(perm.clone(), contextSize);
    }

    /** The reversal z_j = θ_{D−1−j}. */
    public static Permutation reverse(int features, int contextSize) {
        int[] p = new int[features];
        for (int j = 0; j < features; j++) {
            p[j] = features - 1 - j;
        }
        return of(p, contextSize);
    }

    /** A uniformly random permutation drawn from rng. */
    public static Permutation random(int features, int contextSize, UniformRandomProvider rng) {
        return of(PermutationSampler.natural(features), contextSize).shuffled(rng);
    }

    private Permutation shuffled(UniformRandomProvider rng) {
        int[] p = perm.clone();
        PermutationSampler.shuffle(rng, p);
        return new Permutation(p, contextSize);
    }

    /** A copy of π. */
    public int[] permutation() {
        return perm.clone();
    }

    @Override
    public int features() {
        return perm.length;
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    private record Ws(Matrix out, Matrix grad) implements Workspace {
    }

    @Override
    public Workspace workspace(int maxRows) {
        return new Ws(Matrix.of(maxRows, perm.length), Matrix.of(maxRows, perm.length));
    }

    @Override
    public Matrix forward(Matrix theta, Matrix context, float[] logAbsDet, Workspace ws) {
        return gather(theta, ((Ws) ws).out);
    }

    @Override
    public Matrix backward(Matrix gradZ, float[] gradLogAbsDet, Matrix gradContext, Workspace ws) {
        return scatter(gradZ, ((Ws) ws).grad);
    }

    @Override
    public Matrix inverse(Matrix z, Matrix context, float[] logAbsDet, Workspace ws) {
        return scatter(z, ((Ws) ws).out);
    }

    private Matrix gather(Matrix in, Matrix out) {
        int n = in.rows();
        int d = perm.length;
        out.setRows(n);
        float[] a = in.data();
        float[] b = out.data();
        for (int i = 0; i < n; i++) {
            int ia = in.rowOffset(i);
            int ib = out.rowOffset(i);
            for (int j = 0; j < d; j++) {
                b[ib + j] = a[ia + perm[j]];
            }
        }
        return out;
    }

    private Matrix scatter(Matrix in, Matrix out) {
        int n = in.rows();
        int d = perm.length;
        out.setRows(n);
        float[] a = in.data();
        float[] b = out.data();
        for (int i = 0; i < n; i++) {
            int ia = in.rowOffset(i);
            int ib = out.rowOffset(i);
            for (int j = 0; j < d; j++) {
                b[ib + perm[j]] = a[ia + j];
            }
        }
        return out;
    }
}
