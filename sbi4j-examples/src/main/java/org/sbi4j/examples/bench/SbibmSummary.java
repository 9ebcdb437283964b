package org.sbi4j.examples.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** summary.md of {@code sbi4j bench sbibm}: mean C2ST per task and budget beside the references. */
public final class SbibmSummary {

    private SbibmSummary() {
    }

    public static String markdown(List<SbibmBenchmark.Row> rows, SbibmFigures figures, String estimator,
                           int batchSize, long seed) {
        Map<String, List<SbibmBenchmark.Row>> groups = new LinkedHashMap<>();
        for (SbibmBenchmark.Row r : rows) {
            groups.computeIfAbsent(r.task() + "\t" + r.budget(), k -> new java.util.ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("# sbibm benchmark, NPE\n\n");
        String batch = batchSize == 0 ? "automatic (sbi's 200 and 5e-4 from 4,000 simulations "
                + "up, smaller batches and larger steps below)" : batchSize + " (capped at the "
                + "training set; sbi's default is 200, the sbibm paper used 10,000)";
        sb.append(String.format(Locale.ROOT, "Estimator %s, training batch size %s, seed %d. One "
                + "network per task and budget, amortised over the observations. C2ST as sbibm "
                + "computes it (0.5 = indistinguishable from the reference posterior).%n%n",
                estimator, batch, seed));
        sb.append("| task | budget | observations | C2ST mean | published NPE | C2ST obs 1-3 "
                + "| sbi C2ST obs 1-3 | simulate s | train s | sbi train s | sample s (mean per obs) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (List<SbibmBenchmark.Row> g : groups.values()) {
            SbibmBenchmark.Row first = g.get(0);
            double c2st = g.stream().mapToDouble(SbibmBenchmark.Row::c2st).average().orElse(Double.NaN);
            double sample = g.stream().mapToDouble(SbibmBenchmark.Row::sampleS).average().orElse(Double.NaN);
            java.util.OptionalDouble early = g.stream().filter(r -> r.observation() <= 3)
                    .mapToDouble(SbibmBenchmark.Row::c2st).average();
            Double sbiTrain = figures.sbiTrainSeconds(first.task(), first.budget());
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %s | %s | %s | %.2f | %.1f | %s | %.3f |%n",
                    first.task(), first.budget(), g.size(), c2st,
                    fmt(figures.published(first.task(), first.budget())),
                    early.isPresent() ? fmt(early.getAsDouble()) : "n/a",
                    fmt(figures.sbi(first.task(), first.budget())),
                    first.simulateS(), first.trainS(),
                    sbiTrain == null ? "n/a" : String.format(Locale.ROOT, "%.1f", sbiTrain), sample));
        }
        sb.append("\nPublished: Lueckmann et al., \"Benchmarking Simulation-Based Inference\", "
                + "AISTATS 2021 (mean over 10 observations; gaussian_mixture: the 2024 rerun with "
                + "sbibm's fixed simulator). sbi: sbi 0.27.0, NSF with sbi's defaults, on the "
                + "project's machine kind (2 cores), mean over observations 1-3 only (compare with "
                + "the column \"C2ST obs 1-3\"), training wall time to early stopping; n/a where "
                + "not measured. Per-observation figures: c2st.csv.\n");
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
