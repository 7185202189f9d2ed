/**
 * Log-softmax of one row of logits, with the `suppressed` tokens set to -Infinity afterwards.
 * Suppression after normalising mirrors how beam search treats min_new_tokens (the remaining
 * tokens keep their model probabilities), and greedy's argmax is the same either way.
 */
export function logSoftmaxRow(
  logits: Float32Array,
  row: number,
  vocabSize: number,
  suppressed: readonly number[],
  target: Float64Array,
): Float64Array {
  const start = row * vocabSize;
  let max = -Infinity;
  for (let i = 0; i < vocabSize; i++) max = Math.max(max, logits[start + i]!);
  let sum = 0;
  for (let i = 0; i < vocabSize; i++) sum += Math.exp(logits[start + i]! - max);
  const logSum = max + Math.log(sum);
  for (let i = 0; i < vocabSize; i++) target[i] = logits[start + i]! - logSum;
  for (const token of suppressed) target[token] = -Infinity;
  return target;
}

/** Index of the largest value; the lowest index wins ties, as torch.argmax does. */
export function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
