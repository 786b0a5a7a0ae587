import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dotScores } from './dim';

describe('DIM scores', () => {
  it('are g . l, divided by sqrt(D) when scaled (computed by hand on a 2-image, 1-position batch)', async () => {
    await tf.setBackend('cpu');
    const g = tf.tensor2d([[1, 2, 0, 0], [0, 1, 1, 1]]);             // [N=2, D=4]
    const l = tf.tensor3d([[[3, 0, 1, 0]], [[1, 1, 1, 1]]]);          // [N=2, P=1, D=4]
    // u[i][j][p] = g_i . l_j,p: [[3, 3], [1, 3]]
    expect(Array.from(await dotScores(g, l).data())).toEqual([3, 3, 1, 3]);
    expect(Array.from(await dotScores(g, l, 1 / Math.sqrt(4)).data())).toEqual([1.5, 1.5, 0.5, 1.5]);
    g.dispose(); l.dispose();
  });
});
