package org.sbi4j.kernels;

/** Prints the chosen provider's name and runs one tiny product; started in a child JVM by the tests. */
public final class ProviderProbe {

    private ProviderProbe() {
    }

    public static void main(String[] args) {
        Kernels k = KernelProvider.get();
        float[] c = new float[1];
        k.gemmNN(1, 1, 2, 1f, new float[] {1f, 2f}, 0, new float[] {3f, 4f}, 0, 0f, c, 0);
        System.out.println(k.name() + " " + c[0]);
    }
}
