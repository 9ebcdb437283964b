package org.sbi4j.tasks.galaxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.sbi4j.tasks.Tasks;
import org.sbi4j.tasks.realism.LinearGaussianMarginal;

/** The renderer's geometry, the simulator against its likelihood, and the sky marginal. */
class GalaxyImageTest {

    private static final int N = GalaxyImage.PIXELS;
    private static final int S = GalaxyImage.SIDE;

    private static double[] render(double size, double e1, double e2, double psf) {
        double[] out = new double[N];
        GalaxyRenderer.unitImage(size, e1, e2, psf, out, new double[N]);
        return out;
    }

    @Test
    void theIntrinsicProfileSumsToOneAndTheBlurKeepsTheFluxOfACentredGalaxy() {
        double[] in = new double[N];
        GalaxyRenderer.intrinsic(3, 0.2, -0.1, in);
        double sum = 0;
        for (double v : in) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        double blurred = 0;
        for (double v : render(3, 0.2, -0.1, 1.5)) {
            blurred += v;
        }
        // only light within a few PSF widths of the edge leaves the stamp: exp(−28/3) of it
        assertThat(blurred).isBetween(0.99, 1.0);
    }

    @Test
    void aRoundGalaxyIsSymmetricAndE1OfOppositeSignIsTheTransposedImage() {
        double[] round = render(2.5, 0, 0, 1.3);
        double[] a = render(2.5, 0.25, 0, 1.3);
        double[] b = render(2.5, -0.25, 0, 1.3);
        for (int i = 0; i < S; i++) {
            for (int j = 0; j < S; j++) {
                assertThat(round[i * S + j]).isCloseTo(round[j * S + i], within(1e-15));
                assertThat(round[i * S + j]).isCloseTo(round[(S - 1 - i) * S + j], within(1e-15));
                assertThat(a[i * S + j]).isCloseTo(b[j * S + i], within(1e-15));
            }
        }
        // e1 > 0 stretches along the columns (j): the row through the centre is brighter than the column
        assertThat(a[31 * S + 40]).isGreaterThan(a[40 * S + 31]);
    }

    @Test
    void simulationsAreTheModelPlusUnitGaussianNoise() {
        double[] theta = {10.4, 3.0, 0.15, -0.1, 1.4, 10.3};
        float[] t = new float[6];
        for (int j = 0; j < 6; j++) {
            t[j] = (float) theta[j];
        }
        float[] x = new float[N];
        new GalaxyImage().simulate(t, 0, RandomSource.XO_RO_SHI_RO_128_PP.create(3), x, 0);
        double[] g = GalaxyImage.galaxy(theta);
        double s = 0;
        double q = 0;
        for (int p = 0; p < N; p++) {
            double r = x[p] - g[p] - theta[5];
            s += r;
            q += r * r;
        }
        // mean and variance of 4,096 unit normals: sds 0.016 and 0.022; tolerance about 5 of them
        assertThat(s / N).isCloseTo(0, within(0.08));
        assertThat(q / N).isCloseTo(1, within(0.11));
        assertThat(GalaxyImage.flux(10.25)).isCloseTo(Math.pow(10, 2.3), within(1e-9));
    }

    @Test
    void theSkyMarginalIsTheIntegralOverTheSkyAndMatchesLinearGaussianMarginal() {
        float[] x = GalaxyImageTask.simulateObservation(2);
        double[] theta = {9.9, 2.5, -0.05, 0.1, 1.6};
        double marginal = GalaxyImage.marginalLogLikelihood(x, theta);
        // trapezoid over the sky on ±10 conditional sds around its conditional mean
        double[] post = GalaxyImage.skyPosterior(x, theta);
        int steps = 4_000;
        double h = 20 * post[1] / steps;
        double[] full = new double[6];
        System.arraycopy(theta, 0, full, 0, 5);
        double ref = Double.NEGATIVE_INFINITY;
        double[] logs = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            full[5] = post[0] - 10 * post[1] + k * h;
            double u = (full[5] - 10) / 1.0;
            logs[k] = GalaxyImage.logLikelihood(x, full) - 0.5 * u * u - 0.5 * Math.log(2 * Math.PI);
            ref = Math.max(ref, logs[k]);
        }
        double sum = 0;
        for (int k = 0; k <= steps; k++) {
            sum += (k == 0 || k == steps ? 0.5 : 1) * Math.exp(logs[k] - ref);
        }
        assertThat(marginal).isCloseTo(ref + Math.log(sum * h), within(1e-6));
        double[] g = GalaxyImage.galaxy(theta);
        double[] r = new double[N];
        double[] ones = new double[N];
        for (int p = 0; p < N; p++) {
            r[p] = x[p] - g[p] - 10;
            ones[p] = 1;
        }
        assertThat(marginal).isCloseTo(LinearGaussianMarginal.logDensity(r, new double[][] {ones},
                new double[] {1}, 1), within(1e-6));
    }

    @Test
    void theTaskIsRegisteredWithItsNuisanceParametersAndRefusesAWrongSizedImage() {
        var task = Tasks.byName("galaxy_image");
        assertThat(task.prior().interestNames()).containsExactly("log_mass");
        assertThat(task.thetaNames()).containsExactly("log_mass", "size", "e1", "e2", "psf_width", "sky");
        assertThat(task.simulator().xShape()).containsExactly(1, 64, 64);
        assertThat(task.referenceSamples(1).cols()).isEqualTo(1);
        assertThatThrownBy(() -> GalaxyImage.marginalLogLikelihood(new float[48 * 48], new double[5]))
                .hasMessageContaining("4096").hasMessageContaining("2304");
        assertThatThrownBy(() -> task.observation(4)).hasMessageContaining("observation 4");
    }
}
