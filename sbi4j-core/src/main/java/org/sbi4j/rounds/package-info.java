/**
 * Sequential inference in rounds, for simulators too expensive to spend the whole budget on
 * the prior: {@link org.sbi4j.rounds.RoundRunner} runs proposal → simulate → append → train on
 * all rounds' pairs → new proposal, saving each round so a killed run resumes at the round it
 * was in with the same numbers. What is trained and how the next proposal is made is a
 * {@link org.sbi4j.rounds.RoundMethod}; nothing here knows about posterior estimation, so
 * likelihood or ratio estimators plug in the same way. {@link org.sbi4j.rounds.TruncatedPrior}
 * is the prior restricted to a highest-density region of a density (TSNPE's proposal).
 */
package org.sbi4j.rounds;
