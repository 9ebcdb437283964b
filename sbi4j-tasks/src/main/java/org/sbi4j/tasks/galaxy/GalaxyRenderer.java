package org.sbi4j.tasks.galaxy;

/**
 * Renders the unit-flux image of an elliptical exponential disk seen through a round Gaussian
 * point-spread function on the 64×64 stamp of {@link GalaxyImage}.
 *
 * <p>Shape: ellipticity components (e1, e2) give |e| = √(e1² + e2²), axis ratio
 * q = (1 − |e|)/(1 + |e|) and position angle φ = ½ atan2(e2, e1) (counter-clockwise from the
 * column axis). With (u, v) the pixel-centre offset from the centre rotated by −φ, the elliptical
 * radius is r = √(q u² + v²/q) (an area-preserving stretch) and the intrinsic profile is
 * exp(−r / size), evaluated at pixel centres and scaled to sum to 1 over the stamp, so the flux
 * F multiplying it is the galaxy's flux inside the stamp before blurring.
 *
 * <p>PSF: a discrete Gaussian of standard deviation psf_width pixels (taps t = −R..R,
 * R = ⌈4 psf_width⌉, normalised to sum 1), applied along rows then along columns, zero outside
 * the stamp. Cost: 4,096 exponentials and 2 · 4,096 · (2R + 1) multiply-adds, about 0.1 ms.
 */
final class GalaxyRenderer {

    static final int SIDE = 64;
    static final int PIXELS = SIDE * SIDE;
    static final double CENTRE = (SIDE - 1) / 2.0;

    private GalaxyRenderer() {
    }

    /**
     * Writes the unit-flux model image (row-major, pixel (i, j) at 64 i + j) into {@code out};
     * {@code work} is scratch space of the same length.
     */
    static void unitImage(double size, double e1, double e2, double psfWidth, double[] out,
                          double[] work) {
        intrinsic(size, e1, e2, work);
        blur(psfWidth, work, out);
    }

    /** The intrinsic profile, normalised to sum 1 over the stamp. */
    static void intrinsic(double size, double e1, double e2, double[] out) {
        double e = Math.sqrt(e1 * e1 + e2 * e2);
        double q = (1 - e) / (1 + e);
        double phi = 0.5 * Math.atan2(e2, e1);
        double c = Math.cos(phi);
        double s = Math.sin(phi);
        // r² = q u² + v²/q with u = dx c + dy s, v = −dx s + dy c, as a quadratic form in (dx, dy)
        double axx = (q * c * c + s * s / q) / (size * size);
        double ayy = (q * s * s + c * c / q) / (size * size);
        double axy = 2 * c * s * (q - 1 / q) / (size * size);
        double sum = 0;
        for (int i = 0; i < SIDE; i++) {
            double dy = i - CENTRE;
            double byy = ayy * dy * dy;
            double bxy = axy * dy;
            int row = i * SIDE;
            for (int j = 0; j < SIDE; j++) {
                double dx = j - CENTRE;
                double v = Math.exp(-Math.sqrt(axx * dx * dx + bxy * dx + byy));
                out[row + j] = v;
                sum += v;
            }
        }
        double inv = 1 / sum;
        for (int p = 0; p < PIXELS; p++) {
            out[p] *= inv;
        }
    }

    /** The normalised taps of the PSF, t = −R..R. */
    static double[] taps(double psfWidth) {
        int r = (int) Math.ceil(4 * psfWidth);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int t = -r; t <= r; t++) {
            double v = Math.exp(-t * t / (2 * psfWidth * psfWidth));
            k[t + r] = v;
            sum += v;
        }
        for (int t = 0; t < k.length; t++) {
            k[t] /= sum;
        }
        return k;
    }

    /** Blurs {@code in} into {@code out} (separable, zero outside); {@code in} is overwritten. */
    static void blur(double psfWidth, double[] in, double[] out) {
        double[] k = taps(psfWidth);
        int r = k.length / 2;
        // rows: in → out
        for (int i = 0; i < SIDE; i++) {
            int row = i * SIDE;
            for (int j = 0; j < SIDE; j++) {
                int lo = Math.max(-r, -j);
                int hi = Math.min(r, SIDE - 1 - j);
                double v = 0;
                for (int t = lo; t <= hi; t++) {
                    v += k[t + r] * in[row + j + t];
                }
                out[row + j] = v;
            }
        }
        // columns: out → in, then copy back
        for (int i = 0; i < SIDE; i++) {
            int lo = Math.max(-r, -i);
            int hi = Math.min(r, SIDE - 1 - i);
            int row = i * SIDE;
            for (int j = 0; j < SIDE; j++) {
                in[row + j] = 0;
            }
            for (int t = lo; t <= hi; t++) {
                double w = k[t + r];
                int src = (i + t) * SIDE;
                for (int j = 0; j < SIDE; j++) {
                    in[row + j] += w * out[src + j];
                }
            }
        }
        System.arraycopy(in, 0, out, 0, PIXELS);
    }
}
