/** Messages between the main thread and the map worker (t-SNE / PCA of the held-out embeddings). */
export type MapMethod = 'tsne' | 'pca';

export type ToMapWorker = {
  type: 'points';
  /** Training step the embeddings come from. */
  step: number;
  /** [n * dim] embeddings (transferred). */
  data: Float32Array;
  n: number;
  dim: number;
  method: MapMethod;
};

export type FromMapWorker = {
  type: 'layout';
  step: number;
  method: MapMethod;
  /** Iterations done for these embeddings, out of `iterations` (PCA: 1 of 1). */
  iteration: number;
  iterations: number;
  /** [n * 2] coordinates (transferred). */
  coords: Float32Array;
  msPerIteration: number;
};
