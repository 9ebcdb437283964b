package org.sbi4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sbi4j.store.ShardMerge;
import org.sbi4j.store.StoreSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sbi4j merge --out DIR SHARD_DIR...}: joins the simulation stores of the shards of one
 * run (see {@link ShardMerge}) into one finished store. Exit codes: 0 merged, 1 the shards cannot
 * be merged (the last line on stderr starts with {@code error:}), 2 usage error.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the simulation stores of the shards of one run into DIR: theta.npy,"
                + " x.npy, index.npy (rows in index order) and manifest.json. The shards must come"
                + " from the same run, be complete, not overlap and cover all simulations.")
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (created if missing; must be empty unless --overwrite).")
    Path out;

    @Option(names = "--overwrite",
            description = "Replace the store files (manifest.json, *.npy) of a non-empty DIR.")
    boolean overwrite;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR",
            description = "Folders of the shard stores, in any order.")
    List<Path> shards;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            StoreSummary s = ShardMerge.merge(shards, out, overwrite);
            PrintWriter o = spec.commandLine().getOut();
            o.println("merged " + shards.size() + " shard" + (shards.size() == 1 ? "" : "s")
                    + " into " + out + ": " + s.summary());
            o.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            String m = e instanceof NoSuchFileException nf ? "no such file: " + nf.getFile()
                    : String.valueOf(e.getMessage()).replace('\n', ' ');
            err.println("error: " + m);
            err.flush();
            return 1;
        }
    }
}
