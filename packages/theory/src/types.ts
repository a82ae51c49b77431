/**
 * Result types shared by every check of @mmcl/theory.
 *
 * Sign convention for margins: a margin is the signed slack of the statement in its own units (bound − value for
 * an upper bound, value − bound for a lower bound), so a negative margin means the statement failed there.
 */

/**
 * Where a statement was tightest (when it held) or first failed (when it did not). Omitted fields do not apply.
 * @category Reports
 */
export interface Location {
  step?: number;
  neuron?: number;
  sample?: number;
  /** Which encoder: 'h' (weights W) or 'g' (weights W~, multi-modal only). */
  encoder?: 'h' | 'g';
}

/**
 * How a statement is checked:
 * - 'exact': holds with no hidden constant (identities, sign invariance, dead neurons); failure is a real violation.
 * - 'constant': an asymptotic statement checked with the explicit constant its proof uses.
 * - 'estimate': a statement whose constant the paper leaves implicit; the check estimates it and tests it against
 *   the bound that the proof's own argument gives (documented per check).
 * @category Reports
 */
export type CheckKind = 'exact' | 'constant' | 'estimate';

/**
 * The outcome of one numbered statement on one trajectory.
 * @category Reports
 */
export interface CheckResult {
  /** Paper numbering, e.g. "C.3" or "Lemma 5.2(b)". */
  id: string;
  /** The statement, in one line. */
  statement: string;
  kind: CheckKind;
  /** true / false; null when the trajectory cannot decide it (e.g. T1 lies beyond the simulated horizon). */
  holds: boolean | null;
  /** Tightest signed slack (negative = violated); NaN when nothing was checked. */
  margin: number;
  /** First failure when holds is false, otherwise the tightest point. */
  location: Location;
  /** An estimated constant or measured value the statement is about (e.g. C_ℓ), when there is one. */
  value?: number;
  /** One or two sentences: the bound used, the numbers, and anything else the reader needs. */
  detail: string;
  /**
   * Set when the statement does not apply to the run (e.g. a GD-recursion lemma on a momentum run): the reason.
   * holds is then null and margin NaN (optimizerScope.ts).
   */
  notApplicable?: string;
  /**
   * Tightness of a bound: the tightest slack as a fraction of the bound there ((bound − value)/|bound| for an upper
   * bound, (value − bound)/|bound| for a lower one). Absent for identities and sign statements.
   */
  slack?: number;
  /** The bound held but is ≥ 10× away from the value at its tightest point (it could not have failed nearby). */
  vacuous?: boolean;
}

/**
 * One condition of Assumption 4.1 (or a proof constant), evaluated on a configuration.
 * @category Reports
 */
export interface AssumptionCondition {
  /** e.g. "4.1(1) d ≥ n²". */
  id: string;
  /** 'explicit': a condition with the constant the proofs use; 'ratio': a Θ̃/Ω̃/Õ condition reported as a ratio. */
  kind: 'explicit' | 'ratio';
  /** Which modes the condition concerns. */
  modes: ReadonlyArray<'single' | 'multi'>;
  /** Left-hand side and right-hand side of "lhs ≥ rhs" (conditions are all written in that direction). */
  lhs: number;
  rhs: number;
  /** lhs / rhs; ≥ 1 means the condition holds with the Θ̃ factor set to 1. */
  ratio: number;
  /** Explicit conditions: lhs ≥ rhs. Ratio conditions: ratio ≥ 1 (the Θ̃ constant instantiated as 1). */
  holds: boolean;
  detail: string;
}
