package org.sbi4j.examples.bench;

import java.util.concurrent.TimeUnit;

/** Whether {@code python3} with numpy can run (for the example JSON-lines simulators). */
final class ExternalPython {

    private static volatile Boolean available;

    private ExternalPython() {
    }

    static boolean numpyAvailable() {
        if (available == null) {
            boolean ok;
            try {
                Process p = new ProcessBuilder("python3", "-c", "import numpy")
                        .redirectErrorStream(true).start();
                ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (java.io.IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ok = false;
            }
            available = ok;
        }
        return available;
    }
}
