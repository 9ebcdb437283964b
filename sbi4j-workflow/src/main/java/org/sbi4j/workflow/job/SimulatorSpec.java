package org.sbi4j.workflow.job;

import org.sbi4j.sim.XKind;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.workflow.external.ExternalSimulatorConfig;

/**
 * The simulator of a job: exactly one of
 * <ul>
 *   <li>{@code task: NAME}: a built-in benchmark task (it brings its own prior);</li>
 *   <li>{@code class: fully.qualified.Name}: a Java class implementing
 *       {@link org.sbi4j.sim.Simulator} with a public no-argument constructor, found on
 *       {@code classpath} (jars and class folders, relative to the job file; optional) or else
 *       on the program's own classpath;</li>
 *   <li>{@code command: [program, arg, ...]}: an external program speaking the JSON-lines
 *       protocol, with {@code x_dim} (required), {@code x_shape} (logical shape of x, product
 *       x_dim; default [x_dim]), {@code workers} (default 1), {@code batch_size} (default 100),
 *       {@code timeout_s} (default 600), {@code retries} (times a broken batch is re-sent to a
 *       fresh process; default 0) and {@code directory} (working directory; default the job
 *       file's folder).</li>
 * </ul>
 * Any simulator may add {@code x_kind: vector | series | image | set} (what one x is, for the
 * embedding the auto preset chooses; default from the rank of the x shape, {@link XKind#of}).
 */
public record SimulatorSpec(String task,
                            @JsonProperty("class") String className,
                            List<String> command,
                            Integer xDim,
                            List<Integer> xShape,
                            Integer workers,
                            Integer batchSize,
                            Double timeoutS,
                            String directory,
                            String xKind,
                            List<String> classpath,
                            Integer retries) {

    public SimulatorSpec {
        if (xKind != null) {
            XKind k = XKind.parse(xKind);
            xKind = k.label();
            if (command != null && xDim != null && xDim > 0) {
                k.check(xShape == null ? new int[] {xDim}
                        : xShape.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        int kinds = (task != null ? 1 : 0) + (className != null ? 1 : 0)
                + (command != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("simulator needs exactly one of 'task', 'class'"
                    + " or 'command', got " + (kinds == 0 ? "none" : describe(task, className,
                    command)));
        }
        if (command != null) {
            if (command.isEmpty() || command.getFirst() == null || command.getFirst().isBlank()) {
                throw new IllegalArgumentException("simulator 'command' must start with the"
                        + " program to run, got " + command);
            }
            command = List.copyOf(command);
            if (xDim == null) {
                throw new IllegalArgumentException("simulator 'command' needs 'x_dim', the"
                        + " number of values the program returns per simulation");
            }
            requirePositive("x_dim", xDim);
            if (xShape != null) {
                try {
                    ExternalSimulatorConfig.of(command, 1, xDim).withXShape(xShape);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("simulator 'x_shape': " + e.getMessage(),
                            e);
                }
                xShape = List.copyOf(xShape);
            }
            requirePositive("workers", workers);
            requirePositive("batch_size", batchSize);
            if (retries != null && retries < 0) {
                throw new IllegalArgumentException("simulator 'retries' must be at least 0, got "
                        + retries);
            }
            if (timeoutS != null && !(timeoutS > 0 && Double.isFinite(timeoutS))) {
                throw new IllegalArgumentException("simulator 'timeout_s' must be a positive"
                        + " number of seconds, got " + timeoutS);
            }
            if (classpath != null) {
                throw new IllegalArgumentException("simulator 'classpath' applies only to a"
                        + " 'class' simulator, not to a 'command' (give the program's own"
                        + " path in 'command')");
            }
        } else {
            List<String> extra = new ArrayList<>();
            addIf(extra, "x_dim", xDim);
            addIf(extra, "x_shape", xShape);
            addIf(extra, "workers", workers);
            addIf(extra, "batch_size", batchSize);
            addIf(extra, "timeout_s", timeoutS);
            addIf(extra, "directory", directory);
            addIf(extra, "retries", retries);
            if (!extra.isEmpty()) {
                throw new IllegalArgumentException("simulator keys " + extra + " apply only to"
                        + " external 'command' simulators, not to a " + (task != null
                        ? "'task'" : "'class'"));
            }
            if (classpath != null && task != null) {
                throw new IllegalArgumentException("simulator 'classpath' applies only to a"
                        + " 'class' simulator, not to a 'task'");
            }
            String name = task != null ? task : className;
            if (name.isBlank()) {
                throw new IllegalArgumentException("simulator '" + (task != null ? "task"
                        : "class") + "' is blank");
            }
            if (classpath != null) {
                for (String entry : classpath) {
                    if (entry == null || entry.isBlank()) {
                        throw new IllegalArgumentException("simulator 'classpath' holds a blank"
                                + " entry: " + classpath + "; give jar files or class folders");
                    }
                }
                classpath = List.copyOf(classpath);
            }
        }
    }

    /** A built-in task by name. */
    public static SimulatorSpec ofTask(String name) {
        return new SimulatorSpec(name, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** A Java simulator class by fully qualified name, on the program's classpath. */
    public static SimulatorSpec ofClass(String name) {
        return ofClass(name, null);
    }

    /** A Java simulator class by name, looked for first in {@code classpath} (or null). */
    public static SimulatorSpec ofClass(String name, List<String> classpath) {
        return new SimulatorSpec(null, name, null, null, null, null, null, null, null, null,
                classpath, null);
    }

    /** An external program with the default workers, batch size and time-out. */
    public static SimulatorSpec ofCommand(List<String> command, int xDim) {
        return new SimulatorSpec(null, null, command, xDim, null, null, null, null, null, null,
                null, null);
    }

    public boolean isTask() {
        return task != null;
    }

    public boolean isClass() {
        return className != null;
    }

    public boolean isCommand() {
        return command != null;
    }

    /**
     * The same simulator with a relative {@code directory} or {@code classpath} entries resolved
     * against {@code base}.
     */
    SimulatorSpec resolve(Path base) {
        if (classpath != null) {
            return new SimulatorSpec(null, className, null, null, null, null, null, null, null,
                    xKind, classpath.stream().map(e -> base.resolve(e).normalize().toString())
                    .toList(), null);
        }
        if (command == null) {
            return this;
        }
        String dir = directory == null ? base.toString() : base.resolve(directory).toString();
        return new SimulatorSpec(null, null, command, xDim, xShape, workers, batchSize, timeoutS,
                dir, xKind, null, retries);
    }

    /**
     * The declared kind of x, or null (then the default from the shape applies).
     */
    public XKind declaredXKind() {
        return xKind == null ? null : XKind.parse(xKind);
    }

    /** The configuration of the external simulator for θ of {@code thetaDim} values. */
    public ExternalSimulatorConfig externalConfig(int thetaDim) {
        if (command == null) {
            throw new IllegalStateException("not an external 'command' simulator");
        }
        ExternalSimulatorConfig c = ExternalSimulatorConfig.of(command, thetaDim, xDim);
        if (workers != null) {
            c = c.withWorkers(workers);
        }
        if (batchSize != null) {
            c = c.withBatchSize(batchSize);
        }
        if (timeoutS != null) {
            c = c.withTimeout(Duration.ofNanos(Math.round(timeoutS * 1e9)));
        }
        if (directory != null) {
            c = c.withDirectory(Path.of(directory));
        }
        if (xShape != null) {
            c = c.withXShape(xShape);
        }
        if (retries != null) {
            c = c.withRetries(retries);
        }
        return c;
    }

    private static void requirePositive(String key, Integer v) {
        if (v != null && v < 1) {
            throw new IllegalArgumentException("simulator '" + key + "' must be at least 1, got "
                    + v);
        }
    }

    private static void addIf(List<String> out, String key, Object v) {
        if (v != null) {
            out.add(key);
        }
    }

    private static String describe(String task, String cls, List<String> command) {
        List<String> given = new ArrayList<>();
        addIf(given, "task", task);
        addIf(given, "class", cls);
        addIf(given, "command", command);
        return String.join(" and ", given);
    }
}
