/** Samplers for reference posteriors: adaptive random-walk Metropolis with seeded chains. */
package org.sbi4j.tasks.mcmc;
