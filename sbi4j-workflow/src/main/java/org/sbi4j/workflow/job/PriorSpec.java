package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.prob.Priors;
import org.sbi4j.prob.Univariate;

/**
 * The prior of one parameter in a job file. Two spellings:
 * <pre>
 * - {name: theta1, distribution: uniform, low: -1, high: 1}
 * - {name: theta2, distribution: "normal(0, 0.5)", nuisance: true}
 * </pre>
 * The arguments are named as in {@link Distribution}; the compact form lists them in that order.
 *
 * @param name         parameter name (non-blank, unique in the job)
 * @param distribution the distribution
 * @param arguments    argument values in {@link Distribution#arguments()} order
 * @param nuisance     true if the parameter is a nuisance (inferred but not of interest)
 */
public record PriorSpec(String name, Distribution distribution, List<Double> arguments,
                        boolean nuisance) {

    private static final List<String> FIXED_KEYS = List.of("name", "distribution", "nuisance");

    public PriorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a prior has no 'name'");
        }
        if (distribution == null) {
            throw new IllegalArgumentException("prior '" + name + "' has no 'distribution'");
        }
        arguments = List.copyOf(arguments);
        if (arguments.size() != distribution.arguments().size()) {
            throw new IllegalArgumentException("prior '" + name + "': " + distribution.usage()
                    + " takes " + distribution.arguments().size() + " arguments, got "
                    + arguments.size());
        }
        distribution.check(name, arguments.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A prior with named arguments, e.g. {@code of("a", UNIFORM, Map.of("low", 0.0, ...))}. */
    public static PriorSpec of(String name, Distribution d, Map<String, Double> args,
                               boolean nuisance) {
        List<Double> values = new ArrayList<>();
        for (String arg : d.arguments()) {
            if (!args.containsKey(arg)) {
                throw new IllegalArgumentException("prior '" + name + "': " + d.usage()
                        + " is missing the argument '" + arg + "'");
            }
            values.add(args.get(arg));
        }
        for (String key : args.keySet()) {
            if (!d.arguments().contains(key)) {
                throw new IllegalArgumentException("prior '" + name + "': unknown key '" + key
                        + "'; " + d.usage() + " takes " + String.join(", ", d.arguments())
                        + " (besides " + String.join(", ", FIXED_KEYS) + ")");
            }
        }
        return new PriorSpec(name, d, values, nuisance);
    }

    /** The value of the named argument, e.g. {@code argument("sd")}. */
    public double argument(String arg) {
        int i = distribution.arguments().indexOf(arg);
        if (i < 0) {
            throw new IllegalArgumentException(distribution.usage() + " has no argument '"
                    + arg + "'");
        }
        return arguments.get(i);
    }

    /** The univariate prior (commons-statistics backed, see {@link Priors}). */
    public Univariate toPrior() {
        double a = arguments.get(0);
        double b = arguments.get(1);
        return switch (distribution) {
            case UNIFORM -> Priors.uniform(name, a, b);
            case NORMAL -> Priors.normal(name, a, b);
            case LOGNORMAL -> Priors.logNormal(name, a, b);
            case GAMMA -> Priors.gamma(name, a, b);
            case BETA -> Priors.beta(name, a, b);
            case TRUNCATED_NORMAL -> Priors.truncatedNormal(name, a, b, arguments.get(2),
                    arguments.get(3));
        };
    }

    /** Reads the job-file mapping (used by Jackson). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PriorSpec fromMap(Map<String, Object> map) {
        Object rawName = map.get("name");
        if (!(rawName instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException("a prior needs a 'name' (a string), got " + map);
        }
        Object rawDist = map.get("distribution");
        if (!(rawDist instanceof String dist) || dist.isBlank()) {
            throw new IllegalArgumentException("prior '" + name + "' needs a 'distribution',"
                    + " e.g. 'uniform' with low and high, or \"uniform(-1, 1)\"");
        }
        Object rawNuisance = map.getOrDefault("nuisance", Boolean.FALSE);
        if (!(rawNuisance instanceof Boolean nuisance)) {
            throw new IllegalArgumentException("prior '" + name + "': nuisance must be true or"
                    + " false, got " + rawNuisance);
        }
        Map<String, Double> args = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!FIXED_KEYS.contains(e.getKey())) {
                args.put(e.getKey(), number(name, e.getKey(), e.getValue()));
            }
        }
        int paren = dist.indexOf('(');
        if (paren < 0) {
            return of(name, Distribution.byName(name, dist), args, nuisance);
        }
        Distribution d = Distribution.byName(name, dist.substring(0, paren));
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("prior '" + name + "': give the arguments either"
                    + " in \"" + dist + "\" or as keys, not both (extra keys " + args.keySet()
                    + ")");
        }
        return new PriorSpec(name, d, compactArguments(name, d, dist, paren), nuisance);
    }

    private static List<Double> compactArguments(String name, Distribution d, String dist,
                                                 int paren) {
        String inner = dist.strip();
        if (!inner.endsWith(")")) {
            throw new IllegalArgumentException("prior '" + name + "': cannot read '" + dist
                    + "'; write e.g. " + d.usage());
        }
        inner = inner.substring(paren + 1, inner.length() - 1);
        List<Double> values = new ArrayList<>();
        for (String s : inner.isBlank() ? new String[0] : inner.split(",")) {
            values.add(number(name, d.jobName() + " argument", s.strip()));
        }
        if (values.size() != d.arguments().size()) {
            throw new IllegalArgumentException("prior '" + name + "': " + d.usage() + " takes "
                    + d.arguments().size() + " arguments, got " + values.size() + " in '"
                    + dist + "'");
        }
        return values;
    }

    /** A number from the job file; the strings inf, +inf, -inf are accepted for bounds. */
    private static double number(String name, String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            switch (t) {
                case "inf", "+inf", ".inf", "infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-.inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
            }
        }
        throw new IllegalArgumentException("prior '" + name + "': " + key
                + " must be a number, got '" + v + "'");
    }
}
