/** The main thread's handle on one map worker. */
import type { FromMapWorker, MapMethod, ToMapWorker } from '../shared/mapProtocol';

export class MapClient {
  private readonly worker: Worker;

  constructor(onLayout: (m: FromMapWorker) => void) {
    this.worker = new Worker(new URL('../worker/mapWorker.ts', import.meta.url), { type: 'module', name: 'pretext-map' });
    this.worker.onmessage = (event: MessageEvent<FromMapWorker>) => onLayout(event.data);
  }

  /** Lays out a copy of `data` [n * dim] (the caller keeps its own for nearest-neighbour queries). */
  setPoints(step: number, data: Float32Array, n: number, dim: number, method: MapMethod): void {
    const copy = data.slice();
    const message: ToMapWorker = { type: 'points', step, data: copy, n, dim, method };
    this.worker.postMessage(message, [copy.buffer]);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
