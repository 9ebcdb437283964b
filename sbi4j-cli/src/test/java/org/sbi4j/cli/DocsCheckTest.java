package org.sbi4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sbi4j.workflow.job.JobFileReader;
import picocli.CommandLine;

/**
 * Issue 17, "must show": every option docs/cli.md names is accepted by the command it is named
 * for (picocli's model of the command), and every job key docs/job-file.md names is accepted by
 * the job-file reader (its examples parse as jobs).
 */
class DocsCheckTest {

    static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs");
    static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");

    private final CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));

    /** The command (and for diagnose its subcommands) named {@code name}, or null. */
    private List<CommandLine> commands(String name) {
        CommandLine c = cli.getSubcommands().get(name);
        if (c == null) {
            return null;
        }
        List<CommandLine> all = new ArrayList<>(List.of(c));
        all.addAll(c.getSubcommands().values());
        return all;
    }

    private boolean accepts(List<CommandLine> cs, String option) {
        return cs.stream().anyMatch(c -> c.getCommandSpec().findOption(option) != null);
    }

    /** The command a code span or code line is written for ("sbi4j train --x" → train). */
    private String commandOf(String code) {
        String[] words = code.strip().split("\\s+");
        int i = words.length > 0 && words[0].equals("sbi4j") ? 1 : 0;
        return i < words.length && cli.getSubcommands().containsKey(words[i]) ? words[i] : null;
    }

    @Test
    void docsCheck_everyOptionInCliMdIsAcceptedByItsCommand() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        String section = null;
        boolean inCode = false;
        for (String line : Files.readAllLines(DOCS.resolve("cli.md"))) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (line.startsWith("## ")) {
                section = null;
            } else if (line.startsWith("### `")) {
                section = commandOf(line.substring(5));
            }
            List<String[]> pieces = new ArrayList<>();  // {command or null, text}
            if (inCode) {
                pieces.add(new String[] {commandOf(line), line});
            } else {
                Matcher m = SPAN.matcher(line);
                StringBuilder prose = new StringBuilder();
                int last = 0;
                while (m.find()) {
                    prose.append(line, last, m.start());
                    String cmd = commandOf(m.group(1));
                    pieces.add(new String[] {cmd != null ? cmd : section, m.group(1)});
                    last = m.end();
                }
                prose.append(line.substring(last));
                pieces.add(new String[] {section, prose.toString()});
            }
            for (String[] p : pieces) {
                Matcher o = OPTION.matcher(p[1]);
                while (o.find()) {
                    String option = o.group();
                    List<CommandLine> cs = p[0] != null ? commands(p[0])
                            : new ArrayList<>(cli.getSubcommands().values());
                    checked++;
                    if (!accepts(cs, option)) {
                        problems.add((p[0] == null ? "any command" : p[0]) + " " + option
                                + "   (in: " + line.strip() + ")");
                    }
                }
            }
        }
        assertThat(checked).as("options found in cli.md").isGreaterThan(60);
        assertThat(problems).as("options docs/cli.md names that the command does not accept")
                .isEmpty();
    }

    /** Parses a job; returns the reader's message when it names {@code key} as unknown. */
    private static String unknown(String yaml, String key) {
        try {
            JobFileReader.parse(yaml, JobFileReader.Format.YAML, "doc.yaml");
            return null;
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("unknown key '" + key + "'") ? m : null;
        }
    }

    private static final String BASE = "simulator: {task: two_moons}\nsimulations: 5\n";

    /** The text of the section whose heading starts with {@code heading}. */
    private static String section(String doc, String heading) {
        int a = doc.indexOf("\n" + heading);
        assertThat(a).as("section " + heading).isPositive();
        int b = doc.indexOf("\n## ", a + 1);
        return doc.substring(a, b < 0 ? doc.length() : b);
    }

    /** Backticked names written as "`key` (…)" or as the first cell of a table row. */
    private static Set<String> keys(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`([a-z_]+)` \\(|^\\| `([a-z_]+)` \\|", Pattern.MULTILINE)
                .matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    @Test
    void docsCheck_everyKeyAndExampleInJobFileMdIsAcceptedByTheReader() throws Exception {
        String doc = Files.readString(DOCS.resolve("job-file.md"));
        List<String> problems = new ArrayList<>();
        int checked = 0;

        Matcher top = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE)
                .matcher(section(doc, "## Top-level keys"));
        Set<String> topKeys = new LinkedHashSet<>();
        while (top.find()) {
            topKeys.add(top.group(1));
        }
        assertThat(topKeys).contains("priors", "simulator", "diagnostics");
        for (String key : topKeys) {
            checked++;
            String m = unknown(BASE + key + ": null\n", key);
            if (m != null) {
                problems.add("top level: " + m);
            }
        }
        String sim = section(doc, "## `simulator`");
        Set<String> simKeys = keys(sim);
        // "- `task: NAME`" items, "Optional `classpath: [...]`", "may add `x_kind`:"
        Matcher spans = Pattern.compile("^- `([a-z_]+): |Optional\\s+`([a-z_]+): |`([a-z_]+)`:",
                Pattern.MULTILINE).matcher(sim);
        while (spans.find()) {
            for (int g = 1; g <= 3; g++) {
                if (spans.group(g) != null) {
                    simKeys.add(spans.group(g));
                }
            }
        }
        assertThat(simKeys).contains("task", "class", "classpath", "command", "x_dim",
                "batch_size", "directory", "x_kind");
        for (String key : simKeys) {
            checked++;
            String m = unknown("simulator: {" + key + ": null}\nsimulations: 5\n", key);
            if (m != null) {
                problems.add("simulator: " + m);
            }
        }
        for (String key : keys(section(doc, "## `training`"))) {
            checked++;
            String m = unknown(BASE + "training: {" + key + ": null}\n", key);
            if (m != null) {
                problems.add("training: " + m);
            }
        }
        String est = section(doc, "## `estimator`");
        for (String row : est.lines().filter(l -> l.startsWith("| ")).toList()) {
            String[] cells = row.split(" \\| ");
            if (cells.length < 2) {
                continue;
            }
            Matcher kind = Pattern.compile("`embedding: \\{type: ([a-z0-9_]+)\\}`")
                    .matcher(cells[0]);
            if (kind.find()) {
                for (String key : keys(cells[1])) {
                    checked++;
                    String m = unknown(BASE + "estimator: {embedding: {type: " + kind.group(1)
                            + ", " + key + ": null}}\n", key);
                    if (m != null) {
                        problems.add("embedding " + kind.group(1) + ": " + m);
                    }
                }
            } else if (cells[0].contains("kind settings")) {
                for (String part : cells[1].replace("e.g. ", "").split("; ")) {
                    String type = part.substring(0, part.indexOf(':')).strip();
                    Matcher k = SPAN.matcher(part);
                    while (k.find()) {
                        checked++;
                        String m = unknown(BASE + "estimator: {type: " + type + ", "
                                + k.group(1) + ": null}\n", k.group(1));
                        if (m != null) {
                            problems.add("estimator " + type + ": " + m);
                        }
                    }
                }
            } else if (cells[0].matches("\\| `[a-z_]+`")) {
                String key = cells[0].substring(3, cells[0].length() - 1);
                checked++;
                String m = unknown(BASE + "estimator: {" + key + ": null}\n", key);
                if (m != null) {
                    problems.add("estimator: " + m);
                }
            }
        }
        // every YAML or JSON example is a job, or a section of one
        Matcher block = Pattern.compile("```(yaml|json)\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (block.find()) {
            String text = block.group(2);
            List<String> jobs = new ArrayList<>();
            if (block.group(1).equals("json")) {
                jobs.add(text);
            } else if (text.startsWith("observations:")) {
                text.lines().forEach(l -> jobs.add(BASE + l));
            } else {
                jobs.add(text.contains("simulator:") ? text : BASE + text);
            }
            for (String job : jobs) {
                checked++;
                try {
                    JobFileReader.parse(job, block.group(1).equals("json")
                            ? JobFileReader.Format.JSON : JobFileReader.Format.YAML, "doc");
                } catch (RuntimeException e) {
                    problems.add("example " + job.lines().findFirst().orElse("") + "…: "
                            + e.getMessage());
                }
            }
        }
        assertThat(checked).as("keys and examples found in job-file.md").isGreaterThan(50);
        assertThat(problems).as("keys or examples of docs/job-file.md the reader refuses")
                .isEmpty();
    }
}
