package org.sbi4j.workflow.job;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The prior distributions a job file can name, with their named arguments in order and the
 * checks on them. Densities (for reference; parameterisations follow commons-statistics):
 * <ul>
 *   <li>{@code uniform(low, high)}: 1/(high − low) on [low, high]; needs low &lt; high, finite</li>
 *   <li>{@code normal(mean, sd)}: N(mean, sd²); sd &gt; 0</li>
 *   <li>{@code lognormal(mu, sigma)}: log θ ~ N(mu, sigma²); sigma &gt; 0</li>
 *   <li>{@code gamma(shape, scale)}: θ^(k−1) e^(−θ/s) / (Γ(k) s^k); shape, scale &gt; 0</li>
 *   <li>{@code beta(alpha, beta)}: θ^(α−1)(1−θ)^(β−1)/B(α, β) on [0, 1]; alpha, beta &gt; 0</li>
 *   <li>{@code truncated_normal(mean, sd, low, high)}: N(mean, sd²) restricted to [low, high];
 *       sd &gt; 0, low &lt; high (bounds may be infinite, not both)</li>
 * </ul>
 */
public enum Distribution {
    UNIFORM("low", "high"),
    NORMAL("mean", "sd"),
    LOGNORMAL("mu", "sigma"),
    GAMMA("shape", "scale"),
    BETA("alpha", "beta"),
    TRUNCATED_NORMAL("mean", "sd", "low", "high");

    private final List<String> arguments;

    Distribution(String... arguments) {
        this.arguments = List.of(arguments);
    }

    /** The name used in job files, e.g. {@code truncated_normal}. */
    public String jobName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Argument names, in the order of the compact form {@code name(a, b)}. */
    public List<String> arguments() {
        return arguments;
    }

    /** The distribution called {@code name} in a job file (case-insensitive). */
    static Distribution byName(String parameter, String name) {
        for (Distribution d : values()) {
            if (d.jobName().equalsIgnoreCase(name.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("prior '" + parameter + "': unknown distribution '"
                + name + "'; known: " + Arrays.stream(values()).map(Distribution::jobName)
                .collect(Collectors.joining(", ")));
    }

    /** The usage form, e.g. {@code uniform(low, high)}. */
    public String usage() {
        return jobName() + "(" + String.join(", ", arguments) + ")";
    }

    /**
     * Checks argument values given in {@link #arguments()} order.
     *
     * @throws IllegalArgumentException naming the parameter, the distribution and the value
     */
    void check(String parameter, double[] v) {
        for (int i = 0; i < v.length; i++) {
            boolean boundOfTruncated = this == TRUNCATED_NORMAL && i >= 2;
            if (Double.isNaN(v[i]) || (!boundOfTruncated && Double.isInfinite(v[i]))) {
                throw bad(parameter, arguments.get(i) + " must be a finite number", v, i);
            }
        }
        switch (this) {
            case UNIFORM -> requireOrdered(parameter, v, 0, 1);
            case NORMAL, LOGNORMAL, GAMMA -> {
                requirePositive(parameter, v, 1);
                if (this == GAMMA) {
                    requirePositive(parameter, v, 0);
                }
            }
            case BETA -> {
                requirePositive(parameter, v, 0);
                requirePositive(parameter, v, 1);
            }
            case TRUNCATED_NORMAL -> {
                requirePositive(parameter, v, 1);
                requireOrdered(parameter, v, 2, 3);
                if (Double.isInfinite(v[2]) && Double.isInfinite(v[3])) {
                    throw bad(parameter, "low and high may not both be infinite (use normal)",
                            v, 2);
                }
            }
        }
    }

    private void requirePositive(String parameter, double[] v, int i) {
        if (!(v[i] > 0)) {
            throw bad(parameter, arguments.get(i) + " must be positive", v, i);
        }
    }

    private void requireOrdered(String parameter, double[] v, int lo, int hi) {
        if (!(v[lo] < v[hi])) {
            throw new IllegalArgumentException("prior '" + parameter + "': " + jobName()
                    + " needs " + arguments.get(lo) + " < " + arguments.get(hi) + ", got "
                    + arguments.get(lo) + " = " + v[lo] + ", " + arguments.get(hi) + " = "
                    + v[hi]);
        }
    }

    private IllegalArgumentException bad(String parameter, String rule, double[] v, int i) {
        return new IllegalArgumentException("prior '" + parameter + "': " + jobName() + " "
                + rule + ", got " + arguments.get(i) + " = " + v[i]);
    }
}
