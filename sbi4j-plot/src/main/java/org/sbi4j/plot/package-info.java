/**
 * Plots with XChart, headless, written as PNG and SVG: {@link org.sbi4j.plot.CornerPlot}
 * (marginal histograms and density contours), {@link org.sbi4j.plot.RankPlot} (SBC rank
 * histograms), {@link org.sbi4j.plot.CoveragePlot} and {@link org.sbi4j.plot.LossPlot} (every
 * ensemble member's {@link org.sbi4j.plot.LossCurves}). Multi-panel figures are composed by
 * {@link org.sbi4j.plot.Figure}, which paints XChart panels into one image or one SVG document.
 * Ticks sit on XChart's 1/2/5 × 10ᵏ steps and print without floating-point noise; axis ranges
 * of sample plots are the 0.5 %–99.5 % quantiles.
 */
package org.sbi4j.plot;
