/**
 * Whole analyses as library calls: {@link org.sbi4j.workflow.Analysis} runs a job file
 * (simulate, resumable → train → sample → diagnose → report folder) exactly as {@code sbi4j run}
 * does; the simulation-folder and report formats; {@link org.sbi4j.workflow.SeedStream}, the one
 * registry of the seed streams every diagnostic draws from. Depends on core, tasks, plot and
 * Jackson, not on picocli or a logging binding.
 */
package org.sbi4j.workflow;
