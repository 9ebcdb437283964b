package org.sbi4j.posterior;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sbi4j.flows.EstimatorKinds;
import org.sbi4j.flows.EstimatorSettings;
import org.sbi4j.flows.SettingsBinder;
import org.sbi4j.flows.SettingsRegistry;

/**
 * The architecture in the header of a model file of format 1 (sbi4j 0.1.0): settings keyed by
 * record component name ({@code estimator.settings.hiddenFeatures}), upper-case enum names, and
 * one flat embedding record ({@code embedding.kind=MLP}, {@code embedding.hidden=…}) holding the
 * fields of every embedding kind, of which each kind's record takes its own.
 */
final class FormatOne {

    private FormatOne() {
    }

    /** The spec of a format-1 header. */
    static EstimatorSpec spec(Map<String, String> h) {
        EstimatorSettings settings = EstimatorKinds.registry().fromText(
                HeaderText.need(h, "estimator.kind"), HeaderText.section(h, "estimator.settings."));
        SettingsRegistry.Entry<EmbeddingSettings> kind = EmbeddingKinds.registry()
                .get(HeaderText.need(h, "embedding.kind"));
        @SuppressWarnings("unchecked")
        List<String> keys = SettingsBinder.keys((Class<? extends Record>) kind.type());
        Map<String, String> text = new LinkedHashMap<>(HeaderText.section(h, "embedding."));
        text.keySet().retainAll(keys);
        EmbeddingSettings embedding = EmbeddingKinds.registry().fromText(kind.name(), text);
        return new EstimatorSpec(settings, embedding,
                Integer.parseInt(h.getOrDefault("estimator.ensemble", "1")));
    }
}
