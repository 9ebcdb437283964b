package org.sbi4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No method of the kernels takes or returns a vector, mask or shuffle: such a value crossing a
 * call that C2 declines to inline is boxed on the heap (the reason the kernels once needed
 * {@code -XX:CompileCommand} options). Math is written out in the loops instead
 * ({@code InlineVectorMath}); only the Vector API's own force-inlined methods take vectors.
 */
class NoVectorCrossesACallTest {

    @Test
    void noKernelMethodHasAVectorParameterOrResult() throws IOException, ClassNotFoundException {
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/sbi4j/kernels"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                if (name.equals("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName("org.sbi4j.kernels." + name);
                for (Class<?> k : withNested(c)) {
                    classes++;
                    for (Method m : k.getDeclaredMethods()) {
                        boolean vector = isVector(m.getReturnType());
                        for (Class<?> p : m.getParameterTypes()) {
                            vector |= isVector(p);
                        }
                        if (vector) {
                            offenders.add(k.getSimpleName() + "." + m.getName());
                        }
                    }
                }
            }
        }
        assertThat(classes).as("classes inspected").isGreaterThan(10);
        assertThat(offenders).as("methods passing vectors").isEmpty();
    }

    private static List<Class<?>> withNested(Class<?> c) {
        List<Class<?>> all = new ArrayList<>(List.of(c));
        for (Class<?> n : c.getDeclaredClasses()) {
            all.addAll(withNested(n));
        }
        return all;
    }

    private static boolean isVector(Class<?> t) {
        return t.getPackageName().equals("jdk.incubator.vector") && !t.getSimpleName().contains("Species")
                && !t.getSimpleName().equals("VectorOperators");
    }
}
