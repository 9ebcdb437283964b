package org.sbi4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sbi4j.tasks.Task;
import org.sbi4j.tasks.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sbi4j tasks}: the built-in simulators. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List the built-in tasks (simulators with priors) and their theta and x"
                + " dimensions; use them with --task NAME.")
final class TasksCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format("%-22s %7s %7s  %s", "task", "theta", "x", "parameters"));
        for (Task t : Tasks.all()) {
            out.println(String.format("%-22s %7d %7d  %s", t.name(), t.thetaDim(), t.xDim(),
                    String.join(", ", t.thetaNames())));
        }
        out.flush();
        return 0;
    }
}
