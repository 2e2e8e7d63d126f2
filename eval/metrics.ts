/**
 * Detection metrics for the minority (suspicious) class. Pure functions, unit-tested in
 * metrics.test.ts.
 */
export interface Confusion { tp: number; fp: number; fn: number; tn: number }

export function confusion(labels: ArrayLike<number>, predicted: ArrayLike<number>): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] ? 1 : 0, p = predicted[i] ? 1 : 0;
    if (y && p) c.tp++;
    else if (!y && p) c.fp++;
    else if (y && !p) c.fn++;
    else c.tn++;
  }
  return c;
}

export interface Prf { precision: number; recall: number; f1: number }

export function prf(c: Confusion): Prf {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Area under the precision–recall curve as average precision: Σ (R_k − R_{k−1}) · P_k over the
 * distinct score thresholds, highest first (tied scores enter together, as sklearn does).
 * Items scored 0 that are never predicted still count as positives missed: recall is over all
 * positives. Returns 0 when there are no positives.
 */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]) positives++;
  if (positives === 0) return 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let tp = 0, fp = 0, prevRecall = 0, ap = 0;
  for (let i = 0; i < n; ) {
    const s = scores[order[i]];
    while (i < n && scores[order[i]] === s) {
      if (labels[order[i]]) tp++;
      else fp++;
      i++;
    }
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}
