package org.sbi4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sbi4j.workflow.Source;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The --task NAME | --job FILE options: which built-in task or job file gives prior and simulator. */
final class SourceOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--task", paramLabel = "NAME",
            description = "Built-in task (see 'sbi4j tasks'), e.g. two_moons.")
    String task;

    @Option(names = "--job", paramLabel = "FILE",
            description = "Job file (.yaml, .yml or .json) giving priors and simulator.")
    Path job;

    boolean given() {
        return task != null || job != null;
    }

    private void checkExclusive() {
        if (task != null && job != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --task or --job, not both");
        }
    }

    /** The source given; a usage error if neither or both are given. */
    Source require(boolean withSimulator, Source.External ext) throws IOException {
        checkExclusive();
        if (!given()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing --task NAME or --job FILE");
        }
        return Source.of(task, job, withSimulator, ext);
    }

    /**
     * The source given, else the one recorded in {@code recorded} (metadata.json or a training
     * report; {@code useStored}: its stored prior and simulator even if the job file exists),
     * else a usage error naming {@code where}.
     */
    Source orRecorded(Map<String, Object> recorded, String where, boolean withSimulator,
                      boolean useStored) throws IOException {
        checkExclusive();
        if (given()) {
            if (useStored) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give either --prior-from-data or --task/--job, not both");
            }
            return Source.of(task, job, withSimulator, Source.External.NONE);
        }
        Source s = recorded == null ? null
                : Source.recorded(recorded, withSimulator, useStored, where);
        if (s == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), where
                    + " records no task or job; give --task NAME or --job FILE");
        }
        return s;
    }
}
