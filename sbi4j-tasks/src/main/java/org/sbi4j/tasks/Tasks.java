package org.sbi4j.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sbi4j.tasks.galaxy.GalaxyImageTask;
import org.sbi4j.tasks.realism.RealismTasks;

/**
 * Registry of the built-in tasks: the ten sbibm tasks (Lueckmann et al. 2021) and the
 * galaxy_clustering toy (alias "ab2_toy"), and the example models lorenz96 (no reference
 * posterior), counting_experiment (nuisance parameters), banana (MCMC reference) and
 * galaxy_image (a 64×64 galaxy image, MCMC reference), and the
 * realism suite ({@link RealismTasks}: realism_counts, realism_oscillation, realism_image,
 * realism_trials, realism_nuisance, realism_binomial). Each call builds a fresh, immutable task.
 */
public final class Tasks {

    private static final Map<String, Supplier<Task>> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put("gaussian_linear", GaussianLinear::task);
        TASKS.put("gaussian_linear_uniform", GaussianLinear::uniformTask);
        TASKS.put("slcp", Slcp::task);
        TASKS.put("slcp_distractors", SlcpDistractors::task);
        TASKS.put("bernoulli_glm", BernoulliGlm::task);
        TASKS.put("bernoulli_glm_raw", BernoulliGlm::rawTask);
        TASKS.put("gaussian_mixture", GaussianMixture::task);
        TASKS.put("two_moons", TwoMoons::task);
        TASKS.put("sir", Sir::task);
        TASKS.put("lotka_volterra", LotkaVolterra::task);
        TASKS.put("galaxy_clustering", GalaxyClustering::task);
        TASKS.put("lorenz96", Lorenz96::task);
        TASKS.put("counting_experiment", CountingExperiment::task);
        TASKS.put("banana", Banana::task);
        TASKS.put(GalaxyImageTask.NAME, GalaxyImageTask::task);
        for (String name : RealismTasks.names()) {
            TASKS.put(name, () -> RealismTasks.byName(name));
        }
    }

    private Tasks() {
    }

    /** Registered task names, in a fixed order (sbibm tasks first). */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /**
     * The task with the given name ("ab2_toy" is an alias of "galaxy_clustering").
     *
     * @throws IllegalArgumentException naming the unknown task and the known ones
     */
    public static Task byName(String name) {
        Supplier<Task> s = TASKS.get("ab2_toy".equals(name) ? "galaxy_clustering" : name);
        if (s == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + names());
        }
        return s.get();
    }

    /** All registered tasks, in {@link #names()} order. */
    public static List<Task> all() {
        return TASKS.values().stream().map(Supplier::get).toList();
    }
}
