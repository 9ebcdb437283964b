package org.sbi4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code sbi4j} command. Exit codes: 0 success, 1 failure, 2 usage error; an
 * error the user must act on ends with one line {@code error: …} as the last line on stderr.
 */
@Command(name = "sbi4j", mixinStandardHelpOptions = true, version = "sbi4j 0.1.0-SNAPSHOT",
        description = "Simulation-based inference (neural posterior estimation) on the JVM.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, SimulateCommand.class,
                TrainCommand.class, SampleCommand.class, InfoCommand.class, TasksCommand.class,
                KindsCommand.class, DiagnoseCommand.class, PlotCommand.class, RunCommand.class,
                ExampleCommand.class, MergeCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** A command line with sbi4j's error handling, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            Throwable root = ex;
            while (root.getCause() != null && root.getMessage() == null) {
                root = root.getCause();
            }
            line.getErr().println("error: " + Errors.describe(root));
            line.getErr().flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Usage: see '" + c.getCommandSpec().qualifiedName() + " --help'");
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().flush();
            return 2;
        });
        return cl;
    }

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args);
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--quiet")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(execute(args));
    }
}
