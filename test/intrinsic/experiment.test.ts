import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runExperiment } from '@mmcl/intrinsic';

test('one small run end to end: metrics are in range and the sphere bound holds for d ≤ k*', () => {
  const r = runExperiment({ outputDim: 3, trainRows: 512, referenceRows: 100, testRows: 150, epochs: 12, batchSize: 128, hidden: [16, 16], step: { adam: { learningRate: 5e-3 } } });
  assert.ok(r.finalTemperature < 0.6, `τ ${r.finalTemperature}`);
  // Learned τ concentrates the norms; in d = 3 the representations then lie near S², whose dimension is 2.
  assert.ok(r.idF > 1 && r.idF < 3, `ID ${r.idF}`);
  assert.ok(r.testAccuracy >= 0 && r.testAccuracy <= 1);
  assert.ok(Math.abs(r.normMeanF - 1) < 0.2, `mean norm ${r.normMeanF}`);
  assert.ok(r.similarities.positiveMedian > r.similarities.negativeMedian);
});

test('d = 1 reports ID = 1, as the paper does (the MLE needs ≥ 2 features)', () => {
  const r = runExperiment({ outputDim: 1, trainRows: 256, referenceRows: 50, testRows: 60, epochs: 1, batchSize: 128, hidden: [8] });
  assert.is(r.idF, 1);
  assert.is(r.idG, 1);
});

// Spec §7 D.14 / §8.3, the fixed-τ control (issue 17 item 5). The smallest configuration found where learned τ gets
// far enough (τ ≈ 0.017–0.018 after 600 steps) for the contrast to show: n = 1 024, 200 reference and 300 test rows,
// 20 → 32 → 32 → 10. Measured on seeds 1–3 (docs/paper2.md, "The fixed-τ control at a small configuration"):
// fixed τ = 1 gives a 99 % negative quantile 2.3–2.8× the positive median (learned: 0.97–1.01×), norm sd 3.3–4.0
// (learned 0.18–0.37) and top-1 retrieval 0.047–0.057 (learned 0.29–0.32). The spec's third clause, "retrieval stays
// near chance", does NOT hold here (chance is 0.0033, so fixed τ retrieves 14–17× chance) and is not asserted; the
// finding is recorded in docs/paper2.md. At 12 epochs (48 steps) learned τ is still ≈ 0.45 and nothing separates.
test('fixed τ = 1 does not align (seeds 1–3): positives below the top negatives, dispersed norms, worse retrieval than learned τ', () => {
  const small = { outputDim: 10, trainRows: 1024, referenceRows: 200, testRows: 300, epochs: 150, batchSize: 256, hidden: [32, 32] };
  for (const seed of [1, 2, 3]) {
    const learned = runExperiment({ ...small, seed, step: { adam: { learningRate: 3e-3 } } });
    const fixed = runExperiment({ ...small, seed, step: { learnTemperature: false, initialTemperature: 1, adam: { learningRate: 3e-3 } } });
    const seen = (r: typeof learned) => `τ ${r.finalTemperature}, pos ${r.similarities.positiveMedian}, q99 ${r.similarities.negativeQuantile99}, ‖f‖ sd ${r.normSdF}, top-1 ${r.testAccuracy}`;
    const where = `seed ${seed}: learned ${seen(learned)}; fixed ${seen(fixed)}`;
    assert.ok(learned.finalTemperature < 0.05, where);
    assert.is(fixed.finalTemperature, 1);
    // Not aligned: the positive pairs sit far below the top 1 % of the negatives; with learned τ they reach them.
    assert.ok(fixed.similarities.negativeQuantile99 > 2 * fixed.similarities.positiveMedian, where);
    assert.ok(learned.similarities.negativeQuantile99 < 1.1 * learned.similarities.positiveMedian, where);
    // Norms stay dispersed with fixed τ and concentrate with learned τ.
    assert.ok(fixed.normSdF > 5 * learned.normSdF && fixed.normSdF > 1, where);
    // Retrieval: well below the learned run (but above chance, see the comment above).
    assert.ok(fixed.testAccuracy < learned.testAccuracy / 3, where);
  }
});

test.run();
