package org.sbi4j.posterior;

/**
 * A credible interval for one parameter.
 *
 * @param parameter the parameter's name
 * @param level     the credibility level, e.g. 0.9
 * @param lower     lower end
 * @param upper     upper end
 */
public record Interval(String parameter, double level, double lower, double upper) {

    /** upper − lower. */
    public double width() {
        return upper - lower;
    }

    /** True if v lies in [lower, upper]. */
    public boolean contains(double v) {
        return v >= lower && v <= upper;
    }
}
