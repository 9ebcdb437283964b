package org.sbi4j.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The figures {@code sbi4j bench sbibm} compares against, read from classpath resources:
 * <ul>
 *   <li>{@code /bench/published_c2st.csv}: mean C2ST over the ten observations published by
 *       Lueckmann et al. (AISTATS 2021, arXiv:2101.04653), algorithm NPE; for gaussian_mixture
 *       the 2024 rerun with sbibm's fixed simulator (the row whose source mentions 2024);</li>
 *   <li>{@code /bench/sbi_cpu.csv}: sbi 0.27.0 NPE (NSF, sbi defaults) measured on this machine
 *       kind (mean C2ST over observations 1-3 only), from /work/shared/peers/sbi-cpu.csv.</li>
 * </ul>
 */
public final class SbibmFigures {

    private final Map<String, Double> published = new HashMap<>();
    private final Map<String, Double> sbi = new HashMap<>();
    private final Map<String, Double> sbiTrain = new HashMap<>();

    private SbibmFigures() {
    }

    /** Loads both tables. */
    public static SbibmFigures load() {
        SbibmFigures f = new SbibmFigures();
        for (String[] r : read("/bench/published_c2st.csv")) {
            if (!"NPE".equals(r[1])) {
                continue;
            }
            String key = key(r[0], Integer.parseInt(r[2]));
            boolean rerun = r.length > 4 && String.join(",", java.util.Arrays.copyOfRange(r, 4, r.length))
                    .contains("2024");
            if (!"gaussian_mixture".equals(r[0]) || rerun) {
                f.published.put(key, Double.parseDouble(r[3]));
            }
        }
        for (String[] r : read("/bench/sbi_cpu.csv")) {
            f.sbi.put(key(r[0], Integer.parseInt(r[1])), Double.parseDouble(r[2]));
            f.sbiTrain.put(key(r[0], Integer.parseInt(r[1])), Double.parseDouble(r[4]));
        }
        return f;
    }

    /** Published NPE mean C2ST, or null. */
    public Double published(String task, int budget) {
        return published.get(key(task, budget));
    }

    /** sbi on this machine kind (mean over observations 1-3), or null. */
    public Double sbi(String task, int budget) {
        return sbi.get(key(task, budget));
    }

    /** sbi's training wall time on this machine kind (seconds), or null. */
    public Double sbiTrainSeconds(String task, int budget) {
        return sbiTrain.get(key(task, budget));
    }

    private static String key(String task, int budget) {
        return task + "/" + budget;
    }

    /** Data rows of a CSV resource (header and # comments skipped), split at commas. */
    private static java.util.List<String[]> read(String resource) {
        InputStream in = SbibmFigures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return rows;
    }
}
