package org.sbi4j.npe;

import java.util.List;
import java.util.Map;
import org.sbi4j.flows.SettingsRegistry;

/**
 * The registry of inference methods by name, read by job files ({@code method:}) and
 * {@code bench sbibm --method}. Likelihood methods ({@link LikelihoodMethod}: nle, snle)
 * run through {@link org.sbi4j.nle.SequentialNle}. Adding a method means writing its settings
 * record (implementing {@link MethodSettings}) and one line below.
 *
 * <table>
 * <caption>Registered methods</caption>
 * <tr><th>name</th><th>settings</th><th>rounds</th></tr>
 * <tr><td>npe</td><td>{@link AmortizedSettings}</td><td>1 (amortised)</td></tr>
 * <tr><td>tsnpe</td><td>{@link TsnpeSettings}</td><td>any (sequential, one x_o)</td></tr>
 * <tr><td>apt</td><td>{@link AptSettings}</td><td>any (sequential, one x_o)</td></tr>
 * <tr><td>nle</td><td>{@link NleSettings}</td><td>1 (amortised likelihood, MCMC)</td></tr>
 * <tr><td>snle</td><td>{@link SnleSettings}</td><td>any (sequential, one x_o, MCMC)</td></tr>
 * <tr><td>nre</td><td>{@link NreSettings}</td><td>1 (amortised NRE-C ratio, MCMC)</td></tr>
 * <tr><td>bnre</td><td>{@link BnreSettings}</td><td>1 (amortised balanced NRE, MCMC)</td></tr>
 * <tr><td>snre</td><td>{@link SnreSettings}</td><td>any (sequential NRE-C, one x_o, MCMC)</td></tr>
 * </table>
 * Ratio methods ({@link RatioMethod}: nre, bnre, snre) run through {@link org.sbi4j.nre.SequentialNre}.
 */
public final class InferenceMethods {

    private static final SettingsRegistry<MethodSettings> REGISTRY =
            SettingsRegistry.<MethodSettings>builder("method", MethodSettings::kind)
                    .add(AmortizedSettings.defaults(), "amortised NPE: one round on the prior,"
                            + " the posterior for every x")
                    .add(TsnpeSettings.defaults(), "truncated sequential NPE: rounds on the"
                            + " prior truncated to the posterior's (1 - epsilon) HPR at x_o")
                    .add(AptSettings.defaults(), "APT (SNPE-C): rounds on the current posterior"
                            + " at x_o, trained with the atomic loss")
                    .add(NleSettings.defaults(), "amortised NLE: q(x | theta) on the prior,"
                            + " the posterior at any x (iid trials) by slice-sampling MCMC")
                    .add(SnleSettings.defaults(), "sequential NLE: rounds on the MCMC"
                            + " posterior at x_o, q(x | theta) trained on all rounds")
                    .add(NreSettings.defaults(), "amortised contrastive NRE (NRE-C): a"
                            + " classifier's logit log r(x, theta), posterior by MCMC")
                    .add(BnreSettings.defaults(), "amortised balanced NRE: binary classifier"
                            + " with the balance penalty (conservative), posterior by MCMC")
                    .add(SnreSettings.defaults(), "sequential NRE-C: rounds on the MCMC"
                            + " posterior at x_o, the classifier trained on all rounds")
                    .build();

    private InferenceMethods() {
    }

    /** The registry itself (entries, binding, text form). */
    public static SettingsRegistry<MethodSettings> registry() {
        return REGISTRY;
    }

    /** The registered names, in registration order. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** The default settings of a method; an unknown name is refused with the list of names. */
    public static MethodSettings defaults(String kind) {
        return REGISTRY.defaults(kind);
    }

    /** The method's defaults with the given snake_case keys overridden. */
    public static MethodSettings bind(String kind, Map<String, ?> partial) {
        return REGISTRY.bind(kind, partial);
    }

    /** Every key of a method with its default value as text. */
    public static Map<String, String> describe(String kind) {
        return REGISTRY.describe(kind);
    }
}
