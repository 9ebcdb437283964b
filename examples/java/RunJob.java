import java.nio.file.Files;
import java.nio.file.Path;
import org.sbi4j.workflow.Analysis;
import org.sbi4j.workflow.RunSummary;

/**
 * Runs a whole analysis from a job file through the library, as {@code sbi4j run} does: the job
 * {@code ../jobs/external_python.json} simulates with an external Python program (JSON lines
 * over stdin/stdout, two worker processes), trains a MAF, samples the observation and checks
 * calibration (SBC) and the posterior predictive. The report folder gets the same files as the
 * command line writes for the same seed.
 */
public class RunJob {

    public static void main(String[] args) throws Exception {
        Path out = Files.createTempDirectory("sbi4j-runjob");
        RunSummary summary = Analysis.of(Path.of("../jobs/external_python.json"))
                .out(out)
                .overwrite(true)
                .threads(2)
                .run();
        System.out.println("report in " + summary.dir() + " (summary.md)");
        summary.verdicts().forEach(System.out::println);
    }
}
