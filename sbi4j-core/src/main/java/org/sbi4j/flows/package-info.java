/**
 * Conditional density estimators q(θ | x) for neural posterior estimation.
 *
 * <p>Normalizing flows: {@link org.sbi4j.flows.ConditionalFlow} is a
 * {@link org.sbi4j.flows.ConditionalTransform} stack over a standard normal. Transforms:
 * {@link org.sbi4j.flows.MaskedAutoregressiveTransform} and {@link org.sbi4j.flows.CouplingTransform}
 * over any {@link org.sbi4j.flows.ElementwiseBijection} ({@link org.sbi4j.flows.AffineBijection},
 * {@link org.sbi4j.flows.RationalQuadraticSpline}), {@link org.sbi4j.flows.Permutation},
 * {@link org.sbi4j.flows.LuLinear}, {@link org.sbi4j.flows.ComposedTransform}. Mixture density
 * networks: {@link org.sbi4j.flows.Mdn}. Builders with sbi's defaults: {@link org.sbi4j.flows.Flows}
 * with {@link org.sbi4j.flows.NsfSettings}, {@link org.sbi4j.flows.MafSettings},
 * {@link org.sbi4j.flows.MdnSettings}, {@link org.sbi4j.flows.AutoregressiveNsfSettings}, and
 * user-composed stacks ({@link org.sbi4j.flows.FlowStackSettings}). Every settings record is an
 * {@link org.sbi4j.flows.EstimatorSettings} registered by name in
 * {@link org.sbi4j.flows.EstimatorKinds} and bound by key with
 * {@link org.sbi4j.flows.SettingsBinder}. All estimators implement
 * {@link org.sbi4j.flows.ConditionalDensityEstimator}, the interface the trainer uses.
 *
 * <p>Conventions: θ is n×D, the context (x, possibly embedded) n×C with one row per θ row;
 * buffers live in workspaces sized once; randomness comes from an rng argument.
 */
package org.sbi4j.flows;
