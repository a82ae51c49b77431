/**
 * Per-run summary series and their aggregation over seeds: the CLI uses @mmcl/infomax's own (spec §7.1 metrics of
 * encoder h: signal learning = max_r |γ_r^(t)|, noise memorisation = (1/n) Σ_i max_r ρ_{r,i}^(t)).
 */
export { summarizeRun, aggregate, type RunSummary, type SeriesSummary } from '@mmcl/infomax';
