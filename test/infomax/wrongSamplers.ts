/**
 * Deliberately wrong Gram samplers, for showing that the sampler tests can fail. They live in the tests only, built
 * from the exported pieces: the Wishart part with d/2 in place of d, or every Gaussian row unscaled (S = I).
 */
import { createStreams } from '@mmcl/autodiff';
import { type GramBlock, type InfomaxConfig, type InfomaxInputs } from '@mmcl/infomax';
import { sampleGramBlock, sampleGramInputs } from '@mmcl/infomax/internal';

export type WrongKind = 'half-dof' | 'no-scale';

/** Encoder h's Gram block drawn wrongly (single-modal row layout: µ, ν, ξ, ϵ, w^(0), ζ). */
export function wrongBlock(config: InfomaxConfig, kind: WrongKind): GramBlock {
  const d = kind === 'half-dof' ? config.d / 2 : config.d;
  const s = (v: number) => (kind === 'no-scale' ? 1 : v);
  const nu: [number, number] = config.testNu === 'experiment' ? [config.nuNorm, 0] : [config.muNorm / Math.sqrt(config.d), config.nuNorm];
  return sampleGramBlock(createStreams(config.seed).data, d, [{ name: 'mu', coordinates: [config.muNorm, 0] }, { name: 'nu', coordinates: nu }], [
    { name: 'xi', count: config.n, scale: s(config.sigmaXi) },
    { name: 'eps', count: config.n, scale: s(config.sigmaEps) },
    { name: 'w0', count: config.m, scale: s(config.sigma0) },
    { name: 'zeta', count: config.nTest, scale: s(config.sigmaXi) },
  ]);
}

/** Single-modal inputs whose Gram block comes from a wrong sampler (labels, negatives, test labels as the right one). */
export function wrongInputs(config: InfomaxConfig, kind: WrongKind): InfomaxInputs {
  const inputs = sampleGramInputs(config);
  return { ...inputs, gram: { h: wrongBlock(config, kind) } };
}
