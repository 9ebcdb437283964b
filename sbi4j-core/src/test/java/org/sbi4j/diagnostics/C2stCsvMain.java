package org.sbi4j.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.sbi4j.io.Csv;
import org.sbi4j.tensor.Matrix;

/**
 * Not a test: a command-line twin of scripts/c2st_sklearn_check.py for the comparison recorded
 * in docs/c2st.md. Usage: {@code C2stCsvMain reference.csv samples.csv [seed]}; prints the Java
 * C2ST, the fold accuracies and epochs, and the wall time.
 */
public final class C2stCsvMain {

    private C2stCsvMain() {
    }

    public static void main(String[] args) throws IOException {
        Matrix x = Csv.read(Path.of(args[0])).values();
        Matrix y = Csv.read(Path.of(args[1])).values();
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long t0 = System.nanoTime();
        C2stResult r = C2st.run(x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.println(String.format(Locale.ROOT, "c2st %.4f folds %s epochs %s time %.1fs",
                r.accuracy(), Arrays.toString(r.foldAccuracies()),
                Arrays.toString(r.foldEpochs()), s));
    }
}
