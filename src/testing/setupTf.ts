// Unit tests run the training core on tfjs's cpu backend in Node (no DOM, no GPU).
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
await tf.ready();
