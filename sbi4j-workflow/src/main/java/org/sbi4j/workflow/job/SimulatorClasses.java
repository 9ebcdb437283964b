package org.sbi4j.workflow.job;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sbi4j.sim.Simulator;

/**
 * Loads the Java simulator class a job names ({@code simulator: {class: ..., classpath: [...]}}):
 * from the job's classpath entries (jar files and class folders), then from the thread's context
 * class loader, which {@link #withClasspath} extends for a {@code --classpath} given on the
 * command line. A class that is not found is reported with every entry searched.
 */
public final class SimulatorClasses {

    private SimulatorClasses() {
    }

    /** A scope with the context class loader extended by {@code entries}; close to restore. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Extends the calling thread's context class loader by the jars and class folders in
     * {@code entries} (none: no change) until the returned scope is closed.
     *
     * @throws IllegalArgumentException if an entry does not exist (naming it)
     */
    public static Scope withClasspath(List<Path> entries, String what) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        if (entries == null || entries.isEmpty()) {
            return () -> { };
        }
        t.setContextClassLoader(loader(entries.stream().map(Path::toString).toList(), previous,
                what));
        return () -> t.setContextClassLoader(previous);
    }

    /** A new instance of {@code className}, looked for in {@code classpath} (or null) first. */
    static Simulator instantiate(String className, List<String> classpath) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = classpath == null || classpath.isEmpty() ? parent
                : loader(classpath, parent, "simulator 'classpath'");
        Class<?> c;
        try {
            c = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("simulator class '" + className + "' is not on"
                    + " the classpath searched: " + searched(loader) + " (" + e + "); give the"
                    + " jar or class folder that holds it in the job's simulator 'classpath:"
                    + " [...]' (relative to the job file) or with --classpath", e);
        }
        if (!Simulator.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException("simulator class " + className
                    + " does not implement " + Simulator.class.getName());
        }
        try {
            return (Simulator) c.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("simulator class " + className + " needs a public"
                    + " no-argument constructor", e);
        } catch (InstantiationException | InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("simulator class " + className + " could not be"
                    + " created: " + cause, cause);
        }
    }

    private static URLClassLoader loader(List<String> entries, ClassLoader parent, String what) {
        List<URL> urls = new ArrayList<>();
        for (String e : entries) {
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(what + " entry " + e + " does not exist"
                        + " (give jar files or folders holding .class files)");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException ex) {
                throw new IllegalArgumentException(what + " entry " + e + " is not a valid path",
                        ex);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    /** The jars and folders of the loader chain, then the program's own classpath. */
    private static String searched(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        out.add(Path.of(url.toURI()).toString());
                    } catch (Exception ex) {
                        out.add(url.toString());
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(e);
            }
        }
        return out.isEmpty() ? "(nothing)" : String.join(File.pathSeparator, out);
    }
}
