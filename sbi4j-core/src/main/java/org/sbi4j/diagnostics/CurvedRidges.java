package org.sbi4j.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.sbi4j.tensor.Matrix;

/**
 * Finds the quadratic combination of the parameters that the posterior constrains best. With
 * z = (θ − m)/s scaled by the prior's means and sds and features φ(z) = (z_j, z_j z_k for
 * j ≤ k), a constraint g = wᵀφ is scored by λ = Var_q(g) / E_q|∇_z g|²: the posterior variance
 * across g's level sets in prior units (for a linear g this is exactly the variance along w/|w|;
 * a function of a linear constraint such as (wᵀz − c)² scores no better than the constraint
 * itself, because its gradient vanishes where it is constant). Minimising λ is the generalised
 * eigenproblem C w = λ B w, with C the posterior covariance of φ and B = E_q[J Jᵀ] for J the
 * features' gradients with respect to z (f × d). The constraint counts as curved when its unit
 * normal turns over the posterior (straightness, the top eigenvalue of E_q[n nᵀ], below
 * {@value #STRAIGHT}).
 */
final class CurvedRidges {

    /** Straightness above which a constraint is a straight ridge (the linear report has it). */
    static final double STRAIGHT = 0.98;
    /** Most parameters analysed (the features grow as d²/2). */
    static final int MAX_PARAMETERS = 8;

    private CurvedRidges() {
    }

    /** The best-constrained quadratic combination, or null when d is too large or too few rows. */
    static CurvedConstraint best(String space, Matrix q, Matrix p, List<String> names) {
        int d = q.cols();
        int f = d + d * (d + 1) / 2;
        if (d < 2 || d > MAX_PARAMETERS || q.rows() < 5 * f) {
            return null;
        }
        double[] m = Stats.mean(p);
        double[][] cp = Stats.covariance(p, m);
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = Math.sqrt(cp[j][j]);
            if (!(s[j] > 0)) {
                return null;
            }
        }
        int n = q.rows();
        double[][] phi = new double[n][];
        double[][][] jac = new double[n][][];
        for (int i = 0; i < n; i++) {
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                z[j] = (q.get(i, j) - m[j]) / s[j];
            }
            phi[i] = features(z);
            jac[i] = jacobian(z, f);
        }
        double[][] c = covariance(phi, f);
        double[][] b = new double[f][f];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                for (int a = 0; a < f; a++) {
                    double ja = jac[i][l][a];
                    if (ja != 0) {
                        for (int e = 0; e < f; e++) {
                            b[a][e] += ja * jac[i][l][e] / n;
                        }
                    }
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < f; a++) {
            trace += b[a][a];
        }
        for (int a = 0; a < f; a++) {
            b[a][a] += 1e-9 * trace / f;
        }
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(b, false), 1e-14, 0)
                .getL();
        RealMatrix lInv = new LUDecomposition(l).getSolver().getInverse();
        RealMatrix mm = lInv.multiply(new Array2DRowRealMatrix(c, false)).multiplyTransposed(lInv);
        mm = mm.add(mm.transpose()).scalarMultiply(0.5);
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(mm);
        double[] lambda = eig.getEigenvalues();
        int k = 0;
        for (int a = 1; a < f; a++) {
            if (lambda[a] < lambda[k]) {
                k = a;
            }
        }
        double[] w = lInv.preMultiply(eig.getEigenvector(k).toArray());
        double value = 0;
        for (int i = 0; i < n; i++) {
            value += dot(w, phi[i]) / n;
        }
        Raw raw = raw(w, m, s);
        double[] coef = new double[f];
        for (int t = 0; t < f; t++) {
            coef[t] = raw.coef[t] / raw.coef[raw.ref];
        }
        return new CurvedConstraint(space, combination(w, m, s, names),
                value(w, m, s, value), Math.sqrt(Math.max(lambda[k], 0)),
                straightness(w, jac, d), names, coef);
    }

    static double[] features(double[] z) {
        int d = z.length;
        double[] out = new double[d + d * (d + 1) / 2];
        System.arraycopy(z, 0, out, 0, d);
        int o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                out[o++] = z[j] * z[k];
            }
        }
        return out;
    }

    /** ∂φ/∂z_l for every l: jac[l][feature]. */
    private static double[][] jacobian(double[] z, int f) {
        int d = z.length;
        double[][] jac = new double[d][f];
        for (int l = 0; l < d; l++) {
            jac[l][l] = 1;
        }
        int o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                jac[j][o] += z[k];
                jac[k][o] += z[j];
                o++;
            }
        }
        return jac;
    }

    private static double[][] covariance(double[][] x, int f) {
        int n = x.length;
        double[] mu = new double[f];
        for (double[] r : x) {
            for (int a = 0; a < f; a++) {
                mu[a] += r[a] / n;
            }
        }
        double[][] c = new double[f][f];
        for (double[] r : x) {
            for (int a = 0; a < f; a++) {
                double da = r[a] - mu[a];
                for (int e = 0; e <= a; e++) {
                    c[a][e] += da * (r[e] - mu[e]) / (n - 1);
                }
            }
        }
        for (int a = 0; a < f; a++) {
            for (int e = 0; e < a; e++) {
                c[e][a] = c[a][e];
            }
        }
        return c;
    }

    private static double straightness(double[] w, double[][][] jac, int d) {
        double[][] nn = new double[d][d];
        int count = 0;
        for (double[][] jr : jac) {
            double[] g = new double[d];
            double norm = 0;
            for (int l = 0; l < d; l++) {
                g[l] = dot(w, jr[l]);
                norm += g[l] * g[l];
            }
            if (norm > 0) {
                count++;
                for (int a = 0; a < d; a++) {
                    for (int e = 0; e < d; e++) {
                        nn[a][e] += g[a] * g[e] / norm;
                    }
                }
            }
        }
        if (count == 0) {
            return 1;
        }
        for (double[] row : nn) {
            for (int e = 0; e < d; e++) {
                row[e] /= count;
            }
        }
        double top = 0;
        for (double v : new EigenDecompositionSymmetric(new Array2DRowRealMatrix(nn, false))
                .getEigenvalues()) {
            top = Math.max(top, v);
        }
        return top;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * g in the parameters' own units: z_j = (θ_j − m_j)/s_j expanded, each coefficient divided
     * by that of the term with the largest weight in z units; terms below 5 % of it dropped.
     */
    private static String combination(double[] w, double[] m, double[] s, List<String> names) {
        Raw r = raw(w, m, s);
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < r.coef.length; t++) {
            if (Math.abs(r.zWeight[t]) < 0.05 * r.maxZ) {
                continue;
            }
            double a = r.coef[t] / r.coef[r.ref];
            String mag = Math.abs(Math.abs(a) - 1) < 0.005 ? ""
                    : String.format(Locale.ROOT, "%.2f·", Math.abs(a));
            String term = term(t, names);
            parts.add((parts.isEmpty() ? (a < 0 ? "−" : "") : (a < 0 ? " − " : " + ")) + mag
                    + term);
        }
        return String.join("", parts);
    }

    /** The posterior mean of g in the normalised raw form (constant terms included). */
    private static double value(double[] w, double[] m, double[] s, double meanG) {
        Raw r = raw(w, m, s);
        return (meanG - r.constant) / r.coef[r.ref];
    }

    /** Raw coefficients of θ_j (t < d) and θ_jθ_k (t ≥ d, in feature order) and the constant. */
    private record Raw(double[] coef, double[] zWeight, double constant, int ref, double maxZ) {
    }

    private static Raw raw(double[] w, double[] m, double[] s) {
        int d = m.length;
        double[] coef = new double[w.length];
        double constant = 0;
        for (int j = 0; j < d; j++) {
            coef[j] += w[j] / s[j];
            constant -= w[j] * m[j] / s[j];
        }
        int o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                double v = w[o] / (s[j] * s[k]);
                coef[o] += v;
                coef[j] -= v * m[k];
                coef[k] -= v * m[j];
                constant += v * m[j] * m[k];
                o++;
            }
        }
        // weight of each raw term in z units: coefficient × the term's prior scale
        double[] zw = new double[w.length];
        for (int j = 0; j < d; j++) {
            zw[j] = coef[j] * s[j];
        }
        o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                zw[o] = coef[o] * Math.sqrt(m[j] * m[j] + s[j] * s[j])
                        * Math.sqrt(m[k] * m[k] + s[k] * s[k]);
                o++;
            }
        }
        int ref = 0;
        double max = 0;
        for (int t = 0; t < zw.length; t++) {
            if (Math.abs(zw[t]) > max + 1e-12 * max) {
                max = Math.abs(zw[t]);
                ref = t;
            }
        }
        return new Raw(coef, zw, constant, ref, max);
    }

    private static String term(int t, List<String> names) {
        int d = names.size();
        if (t < d) {
            return names.get(t);
        }
        int o = d;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                if (o++ == t) {
                    return j == k ? names.get(j) + "²" : names.get(j) + "·" + names.get(k);
                }
            }
        }
        throw new IllegalStateException("no term " + t);
    }
}
