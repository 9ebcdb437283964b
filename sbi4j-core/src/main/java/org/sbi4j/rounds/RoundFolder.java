package org.sbi4j.rounds;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.sbi4j.io.NpyArray;
import org.sbi4j.io.Npz;
import org.sbi4j.sim.SimulationResult;
import org.sbi4j.tensor.Matrix;

/**
 * The files of a sequential run (package-private worker of {@link RoundRunner}):
 * {@code run.properties} (what the run is, checked on resume), and per round
 * {@code round-<r>/simulations.npz} (written when the round's simulations are done),
 * the method's model files, and {@code round-<r>/round.properties} (written last: the round is
 * complete). Every file is written to a temporary name and moved into place, so a kill leaves
 * either the old state or the new one.
 */
final class RoundFolder {

    static final String RUN_FILE = "run.properties";
    static final String ROUND_FILE = "round.properties";
    static final String SIMULATIONS_FILE = "simulations.npz";

    private final Path root;

    RoundFolder(Path root) {
        this.root = root;
    }

    Path round(int r) throws IOException {
        return Files.createDirectories(root.resolve("round-" + r));
    }

    /** Writes the run's identity, or checks that a folder being resumed holds the same run. */
    void claim(Map<String, String> identity) throws IOException {
        Files.createDirectories(root);
        Path f = root.resolve(RUN_FILE);
        if (!Files.exists(f)) {
            writeProperties(f, identity);
            return;
        }
        Map<String, String> found = readProperties(f);
        if (!found.equals(new TreeMap<>(identity))) {
            throw new IllegalArgumentException("the folder " + root + " holds another run ("
                    + found + "); this run is " + new TreeMap<>(identity)
                    + ": use an empty folder to start it, or the same settings to resume");
        }
    }

    boolean complete(int r) {
        return Files.exists(root.resolve("round-" + r).resolve(ROUND_FILE));
    }

    boolean hasSimulations(int r) {
        return Files.exists(root.resolve("round-" + r).resolve(SIMULATIONS_FILE));
    }

    RoundRecord record(int r) throws IOException {
        Path f = root.resolve("round-" + r).resolve(ROUND_FILE);
        return RoundRecord.fromText(readProperties(f), f.toString());
    }

    void writeRecord(RoundRecord rec) throws IOException {
        writeProperties(round(rec.round()).resolve(ROUND_FILE), rec.toText());
    }

    void writeSimulations(int r, SimulationResult s) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("theta", NpyArray.of(s.theta().copy()));
        arrays.put("x", NpyArray.of(s.x().copy()));
        arrays.put("index", NpyArray.of(s.index()));
        arrays.put("counts", NpyArray.of(new long[] {s.attempted(), s.invalid()}));
        arrays.put("x_shape", NpyArray.of(java.util.Arrays.stream(s.xShape()).asLongStream()
                .toArray()));
        Path f = round(r).resolve(SIMULATIONS_FILE);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Npz.write(tmp, arrays);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The round's simulations as written (failure messages are not kept). */
    SimulationResult readSimulations(int r) throws IOException {
        Path f = root.resolve("round-" + r).resolve(SIMULATIONS_FILE);
        Map<String, NpyArray> a = Npz.read(f);
        int[] xShape = java.util.Arrays.stream(a.get("x_shape").longs()).mapToInt(v -> (int) v)
                .toArray();
        long[] index = a.get("index").longs();
        long[] counts = a.get("counts").longs();
        Matrix theta = Matrix.wrap(a.get("theta").floats(), index.length,
                a.get("theta").shape()[1]);
        Matrix x = Matrix.wrap(a.get("x").floats(), index.length, a.get("x").shape()[1]);
        return new SimulationResult(theta, x, index, counts[0], counts[1], List.of(), xShape);
    }

    static Map<String, String> readProperties(Path f) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    static void writeProperties(Path f, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        values.forEach(p::setProperty);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
