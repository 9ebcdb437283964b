package org.sbi4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the sbi4j command line in-process and captures exit code, stdout and stderr. */
final class Cli {

    /** Where tests leave outputs for scripts/check_cli_outputs.py (module's target folder). */
    static final Path OUTPUTS = Path.of("target", "cli-outputs");

    private Cli() {
    }

    record Result(int code, String out, String err) {
        /** The last non-blank line of stderr. */
        String lastErrLine() {
            List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A fresh folder under target/cli-outputs (deleted first if a previous build left it). */
    static Path outputs(String name) throws java.io.IOException {
        Path dir = OUTPUTS.resolve(name);
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
