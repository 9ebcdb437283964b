package org.sbi4j.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * summary.md of {@code sbi4j bench sbibm --method …}: mean C2ST per task and budget beside the
 * published figure of the same family over the same observations (sbibm's "SNPE", APT, for
 * apt and tsnpe; "SNLE" for snle; "NLE" for nle; "NRE" for nre and bnre; "SNRE" for snre),
 * read from the resource {@code /bench/published_sequential_per_observation.csv}
 * (sbi-benchmark/results@741183c, main_paper.csv).
 */
final class SequentialSummary {

    private SequentialSummary() {
    }

    static String markdown(List<SbibmBenchmark.Row> rows, String method, int rounds, long seed) {
        String algorithm = publishedAlgorithm(method.split(",")[0].trim());
        Map<String, Double> published = published(algorithm);
        Map<String, List<SbibmBenchmark.Row>> groups = new LinkedHashMap<>();
        for (SbibmBenchmark.Row r : rows) {
            groups.computeIfAbsent(r.task() + "\t" + r.budget(), k -> new java.util.ArrayList<>())
                    .add(r);
        }
        StringBuilder sb = new StringBuilder("# sbibm benchmark, " + method + "\n\n");
        sb.append(String.format(Locale.ROOT, "%d rounds of equal shares of the budget, one "
                + "sequential analysis per observation, seed %d. C2ST as sbibm computes it.%n%n",
                rounds, seed));
        sb.append("| task | budget | observations | C2ST mean | published " + algorithm
                + " (same obs) | simulate s (mean per obs) | train s (mean per obs) |\n|---|---|---|---|---|---|---|\n");
        for (List<SbibmBenchmark.Row> g : groups.values()) {
            SbibmBenchmark.Row first = g.get(0);
            double pub = g.stream().mapToDouble(r -> published.getOrDefault(key(r.task(),
                    r.budget(), r.observation()), Double.NaN)).average().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %s | %.1f | %.1f |%n",
                    first.task(), first.budget(), g.size(),
                    g.stream().mapToDouble(SbibmBenchmark.Row::c2st).average().orElse(Double.NaN),
                    Double.isNaN(pub) ? "n/a" : String.format(Locale.ROOT, "%.3f", pub),
                    g.stream().mapToDouble(SbibmBenchmark.Row::simulateS).average().orElse(0),
                    g.stream().mapToDouble(SbibmBenchmark.Row::trainS).average().orElse(0)));
        }
        sb.append("\nPer-observation figures: c2st.csv; per-round wall times and proposals: "
                + "rounds.csv.\n");
        return sb.toString();
    }

    private static String key(String task, int budget, int obs) {
        return task + "/" + budget + "/" + obs;
    }

    /** sbibm's name of the published algorithm a method is compared with. */
    static String publishedAlgorithm(String method) {
        return switch (method) {
            case "snle" -> "SNLE";
            case "nle" -> "NLE";
            case "nre", "bnre" -> "NRE";
            case "snre" -> "SNRE";
            default -> "SNPE";
        };
    }

    private static Map<String, Double> published(String algorithm) {
        String res = "/bench/published_sequential_per_observation.csv";
        InputStream in = SequentialSummary.class.getResourceAsStream(res);
        if (in == null) {
            throw new IllegalStateException("missing resource " + res);
        }
        Map<String, Double> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                if (!f[1].equals(algorithm)) {
                    continue;
                }
                m.put(key(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])),
                        Double.parseDouble(f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + res, e);
        }
        return m;
    }
}
