package org.sbi4j.flows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.kernels.Activation;

/**
 * The registry of the transforms a composed flow ({@link FlowStackSettings}) may list, and
 * their one-line text form {@code kind(key=value, ...)}, e.g.
 * {@code spline_coupling(bins=8, hidden_features=32)} or {@code lu}; keys left out take the
 * kind's defaults, and {@link #render} writes every key.
 */
public final class TransformKinds {

    private static final SettingsRegistry<TransformSettings> REGISTRY =
            SettingsRegistry.<TransformSettings>builder("transform", TransformSettings::kind)
                    .add(new StackTransforms.SplineCoupling(10, 3f, 50, 2, Activation.RELU, true),
                            "rational-quadratic spline coupling (a layer of nsf)")
                    .add(new StackTransforms.AffineCoupling(50, 2, Activation.RELU, true),
                            "affine coupling (RealNVP)")
                    .add(new StackTransforms.SplineAutoregressive(10, 3f, 50, 2, Activation.RELU,
                            true), "MADE-conditioned spline (a layer of maf_rqs)")
                    .add(new StackTransforms.AffineAutoregressive(50, 3, Activation.TANH),
                            "affine MADE layer (a layer of maf)")
                    .add(new StackTransforms.Lu(), "LU linear layer, starting at the identity")
                    .add(new StackTransforms.Reverse(), "reverses the feature order")
                    .add(new StackTransforms.RandomPermutation(), "random (seeded) permutation")
                    .build();

    private TransformKinds() {
    }

    /** The registry itself (entries, binding, text form). */
    public static SettingsRegistry<TransformSettings> registry() {
        return REGISTRY;
    }

    /** Parses {@code kind} or {@code kind(key=value, ...)}; errors name the entry. */
    public static TransformSettings parse(String entry) {
        String e = entry == null ? "" : entry.strip();
        int open = e.indexOf('(');
        String kind = open < 0 ? e : e.substring(0, open).strip();
        Map<String, String> given = new LinkedHashMap<>();
        if (open >= 0) {
            if (!e.endsWith(")")) {
                throw new IllegalArgumentException("transform '" + entry + "' lacks its closing"
                        + " parenthesis: write kind(key=value, ...)");
            }
            String inside = e.substring(open + 1, e.length() - 1).strip();
            for (String kv : inside.isEmpty() ? new String[0] : inside.split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("transform '" + entry + "': '"
                            + kv.strip() + "' is not key=value");
                }
                given.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
        return REGISTRY.bind(kind, given);
    }

    /** The text form of t with every key ({@code kind(k=v, ...)}, or {@code kind} alone). */
    public static String render(TransformSettings t) {
        Map<String, String> text = REGISTRY.toText(t);
        if (text.isEmpty()) {
            return t.kind();
        }
        StringBuilder sb = new StringBuilder(t.kind()).append('(');
        text.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ")
                .append(k).append('=').append(v));
        return sb.append(')').toString();
    }

    /** Every entry of a stack rendered in full. */
    static List<String> canonical(List<String> entries) {
        return entries.stream().map(e -> render(parse(e))).toList();
    }
}
