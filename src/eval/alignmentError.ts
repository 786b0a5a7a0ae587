/**
 * TCN's cross-view alignment error (Sermanet et al. 2018): embed two synchronised views of a scene,
 * match every frame of one view to its nearest frame (cosine) in the other, and measure how far in
 * time the match lands, as a fraction of the sequence length. 0 = perfectly aligned; about 1/3 =
 * no better than a random frame (chanceAlignmentError). No tfjs, no DOM.
 */
import { normalizeRows } from './geometry';

function checkShape(name: string, x: Float32Array, length: number, dim: number): void {
  if (!(length >= 1) || !(dim >= 1)) throw new Error(`Alignment error: length and dim must be at least 1 (got ${length}, ${dim}).`);
  if (x.length !== length * dim) throw new Error(`Alignment error: ${name} has ${x.length} values, expected length * dim = ${length} * ${dim}.`);
}

/** Index of the row of `rows` most similar (dot product) to row t of `queries`; ties go to the lower index. */
function nearestRow(queries: Float32Array, t: number, rows: Float32Array, length: number, dim: number): number {
  let best = 0, bestSimilarity = -Infinity;
  for (let s = 0; s < length; s++) {
    let similarity = 0;
    for (let k = 0; k < dim; k++) similarity += queries[t * dim + k] * rows[s * dim + k];
    if (similarity > bestSimilarity) { best = s; bestSimilarity = similarity; }
  }
  return best;
}

/**
 * a, b: [length*dim] embeddings of two synchronised views (row t of both is time step t). For each
 * frame t of view a, the nearest frame t_nn of view b by cosine similarity; returns the mean over t
 * of |t_nn - t| / length.
 */
export function alignmentError(a: Float32Array, b: Float32Array, length: number, dim: number): number {
  checkShape('view a', a, length, dim);
  checkShape('view b', b, length, dim);
  const unitA = normalizeRows(a, length, dim), unitB = normalizeRows(b, length, dim); // zero rows stay zero, similar to nothing
  let total = 0;
  for (let t = 0; t < length; t++) total += Math.abs(nearestRow(unitA, t, unitB, length, dim) - t);
  return total / (length * length);
}

/** Mean alignmentError over every ordered pair (i, j), i != j, of the views ([length*dim] each). */
export function multiViewAlignmentError(views: Float32Array[], length: number, dim: number): number {
  if (views.length < 2) throw new Error(`Alignment error needs at least 2 synchronised views of a scene (got ${views.length}).`);
  let total = 0, pairs = 0;
  for (let i = 0; i < views.length; i++) {
    for (let j = 0; j < views.length; j++) {
      if (i === j) continue;
      total += alignmentError(views[i], views[j], length, dim);
      pairs++;
    }
  }
  return total / pairs;
}

/**
 * The expected alignment error when t_nn is uniform over the frames: mean over t and t' of
 * |t' - t| / length. The pair sum of |t' - t| is (L^3 - L) / 3, so this is (L^2 - 1) / (3 L^2),
 * just under 1/3 for long sequences.
 */
export function chanceAlignmentError(length: number): number {
  return (length * length - 1) / (3 * length * length);
}
