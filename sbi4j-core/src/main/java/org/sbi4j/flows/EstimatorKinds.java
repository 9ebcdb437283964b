package org.sbi4j.flows;

import java.util.List;
import java.util.Map;

/**
 * The registry of estimator kinds by name. Adding a kind means writing its settings record
 * (implementing {@link EstimatorSettings}) and one line below.
 *
 * <table>
 * <caption>Registered kinds</caption>
 * <tr><th>name</th><th>settings</th><th>estimator</th></tr>
 * <tr><td>nsf</td><td>{@link NsfSettings}</td><td>{@link Flows#nsf} (sbi's nsf)</td></tr>
 * <tr><td>maf</td><td>{@link MafSettings}</td><td>{@link Flows#maf} (sbi's maf)</td></tr>
 * <tr><td>mdn</td><td>{@link MdnSettings}</td><td>{@link Flows#mdn} (sbi's mdn)</td></tr>
 * <tr><td>maf_rqs</td><td>{@link AutoregressiveNsfSettings}</td>
 *     <td>{@link Flows#autoregressiveNsf} (sbi's maf_rqs)</td></tr>
 * <tr><td>fmpe</td><td>{@link FmpeSettings}</td>
 *     <td>{@link FlowMatching}: flow matching posterior estimation (sbi's fmpe)</td></tr>
 * <tr><td>flow_stack</td><td>{@link FlowStackSettings}</td>
 *     <td>a user-composed stack of {@link TransformKinds transforms}</td></tr>
 * </table>
 */
public final class EstimatorKinds {

    private static final SettingsRegistry<EstimatorSettings> REGISTRY =
            SettingsRegistry.<EstimatorSettings>builder("estimator", EstimatorSettings::kind)
                    .add(NsfSettings.defaults(), "neural spline flow: rational-quadratic spline"
                            + " couplings with LU linear layers (sbi's nsf)")
                    .add(MafSettings.defaults(), "masked autoregressive flow: affine MADE layers"
                            + " with permutations (sbi's maf)")
                    .add(MdnSettings.defaults(), "mixture density network: an MLP giving a"
                            + " Gaussian mixture (sbi's mdn)")
                    .add(AutoregressiveNsfSettings.defaults(), "autoregressive neural spline"
                            + " flow: MADE-conditioned rational-quadratic splines (sbi's maf_rqs)")
                    .add(FlowStackSettings.defaults(), "a flow composed of a listed stack of"
                            + " transforms (couplings, autoregressive layers, LU, permutations)")
                    .add(FmpeSettings.defaults(), "flow matching posterior estimation: a"
                            + " time-conditioned residual vector field, sampled by its ODE (sbi's"
                            + " fmpe)")
                    .build();

    private EstimatorKinds() {
    }

    /** The registry itself (entries, binding, text form). */
    public static SettingsRegistry<EstimatorSettings> registry() {
        return REGISTRY;
    }

    /** The registered names, in registration order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The default settings of a kind; an unknown name is refused with the list of names. */
    public static EstimatorSettings defaults(String kind) {
        return REGISTRY.defaults(kind);
    }

    /** The kind's defaults with the given snake_case keys overridden ({@link SettingsBinder}). */
    public static EstimatorSettings bind(String kind, Map<String, ?> partial) {
        return REGISTRY.bind(kind, partial);
    }

    /** Every key of a kind with its default value as text. */
    public static Map<String, String> describe(String kind) {
        return REGISTRY.describe(kind);
    }
}
