/**
 * galaxy_image: a 64×64 telescope image of an exponential-disk galaxy whose flux follows its
 * stellar mass, with shape, PSF and sky as nuisance parameters, and its MCMC reference posterior.
 */
package org.sbi4j.tasks.galaxy;
