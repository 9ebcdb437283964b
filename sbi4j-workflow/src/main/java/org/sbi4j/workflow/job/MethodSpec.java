package org.sbi4j.workflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sbi4j.npe.InferenceMethods;
import org.sbi4j.npe.LikelihoodMethod;
import org.sbi4j.npe.MethodSettings;
import org.sbi4j.npe.NleSettings;
import org.sbi4j.npe.RatioMethod;
import org.sbi4j.npe.SequentialNpe;

/**
 * The inference method of a job: {@code method: tsnpe} or a mapping with {@code type} (a
 * registered method, {@link InferenceMethods#names()}) and any of its settings by snake_case
 * name (e.g. tsnpe's {@code epsilon, threshold_samples, min_acceptance, sir_oversampling};
 * apt's {@code atoms, warm_start}).
 * Bound and checked when the job is read.
 *
 * @param type     the registered method (lower case)
 * @param settings the method's settings given in the job
 */
public record MethodSpec(String type, Map<String, Object> settings) {

    /** Amortised NPE, the default. */
    public static final MethodSpec DEFAULT = new MethodSpec("npe", Map.of());

    public MethodSpec {
        if (type == null) {
            throw new IllegalArgumentException("method needs a 'type': one of "
                    + String.join(", ", InferenceMethods.names()));
        }
        type = type.strip().toLowerCase(Locale.ROOT);
        settings = settings == null ? Map.of()
                : Map.copyOf(EstimatorSpec.checkValues("method", settings));
        InferenceMethods.bind(type, settings); // refuses unknown methods, keys and values now
    }

    /** {@code method: tsnpe} or the mapping described above. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MethodSpec fromJson(Object value) {
        if (value instanceof String s) {
            return new MethodSpec(s, Map.of());
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("'method' must be a method name or a mapping, got "
                    + value);
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        m.forEach((k, v) -> rest.put(String.valueOf(k), v));
        Object type = rest.remove("type");
        return new MethodSpec(type == null ? null : String.valueOf(type), rest);
    }

    /** The method's settings record. */
    public MethodSettings toSettings() {
        return InferenceMethods.bind(type, settings);
    }

    /**
     * True for a method whose posterior is sampled by MCMC: a likelihood ({@code nle, snle})
     * or ratio ({@code nre, bnre, snre}) method.
     */
    public boolean isMcmc() {
        MethodSettings m = toSettings();
        return m instanceof LikelihoodMethod || m instanceof RatioMethod;
    }

    /**
     * Rounds when the job gives none: 1 for an amortised method (npe, nle, nre, bnre), else
     * {@value SequentialNpe#DEFAULT_ROUNDS}.
     */
    public int defaultRounds() {
        MethodSettings m = toSettings();
        boolean amortised = !isSequential() || m instanceof NleSettings
                || m instanceof RatioMethod r && !r.sequential();
        return amortised ? 1 : SequentialNpe.DEFAULT_ROUNDS;
    }

    /**
     * True for a method that runs one analysis per observation (every method but npe; the
     * MCMC methods' amortised nle, nre, bnre too, one round on the prior each).
     */
    public boolean isSequential() {
        return !"npe".equals(type);
    }
}
