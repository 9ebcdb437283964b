/**
 * Plots with XChart, headless, written as PNG and SVG: {@link org.sbi4j.plot.CornerPlot},
 * {@link org.sbi4j.plot.RankPlot} (SBC rank histograms), {@link org.sbi4j.plot.CoveragePlot}
 * and {@link org.sbi4j.plot.LossPlot}. Multi-panel figures are composed by {@link
 * org.sbi4j.plot.Figure}, which paints XChart panels into one image or one SVG document.
 */
package org.sbi4j.plot;
