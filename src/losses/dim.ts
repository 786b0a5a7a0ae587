/**
 * Deep InfoMax (Hjelm et al., ICLR 2019) mutual-information estimators over a score tensor
 * u[i][j][p] = T(global feature of image i, local feature p of image j): [N, N, P].
 * Positive pairs are j == i (a global vector with its own image's local features); negatives are
 * j != i. The diagonal (the positives) is always masked out of the negatives.
 */
import * as tf from '@tensorflow/tfjs';
import { MASKED_LOGIT } from './normalize';

import type { DimEstimator } from './dimEstimatorNames';
export { DIM_ESTIMATORS, type DimEstimator } from './dimEstimatorNames';

/** Loss to minimise (a negated lower bound on the mutual information). scores: [N, N, P]. */
export function dimLoss(scores: tf.Tensor3D, estimator: DimEstimator): tf.Scalar {
  return tf.tidy(() => {
    const [n, , p] = scores.shape;
    const pos = tf.eye(n).reshape([n, n, 1]);                       // [N, N, 1]
    const neg = tf.onesLike(pos).sub(pos);
    const posCount = n * p, negCount = n * (n - 1) * p;
    if (estimator === 'jsd') {
      // JSD (softplus form): E_P[log 2 - sp(-u)] - E_Q[sp(u) - log 2]; the loss is its negative.
      const ePos = tf.sum(tf.scalar(Math.LN2).sub(tf.softplus(scores.neg())).mul(pos)).div(posCount);
      const eNeg = tf.sum(tf.softplus(scores).sub(Math.LN2).mul(neg)).div(negCount);
      return eNeg.sub(ePos) as tf.Scalar;
    }
    if (estimator === 'dv') {
      // Donsker-Varadhan: E_P[u] - log E_Q[exp(u)].
      const ePos = tf.sum(scores.mul(pos)).div(posCount);
      const masked = scores.mul(neg).add(pos.mul(MASKED_LOGIT)).reshape([-1]);
      const logMeanExp = tf.logSumExp(masked).sub(Math.log(negCount));
      return logMeanExp.sub(ePos) as tf.Scalar;
    }
    // InfoNCE (as DIM's code): for local p of image i and global i, the positive u[i][i][p]
    // against u[i][j][p'] for every other image j and every position p'.
    const diag = tf.sum(scores.mul(pos), 1);                                     // [N, P] u[i][i][p]
    const negRows = scores.mul(neg).add(pos.mul(MASKED_LOGIT)).reshape([n, n * p]); // [N, N P]
    const negLse = tf.logSumExp(negRows, 1, true);                               // [N, 1]
    // log softmax of the positive among [positive, negatives]: u - log(exp(u) + sum exp(neg)).
    const denom = tf.logSumExp(tf.stack([diag, negLse.tile([1, p])], 2), 2);   // [N, P]
    return tf.neg(tf.mean(diag.sub(denom))) as tf.Scalar;
  });
}

/**
 * Prior matching (DIM's adversarial term) with a uniform prior on [0, 1]^D. The discriminator
 * logit d(.) should be high on prior samples and low on the encoder's sigmoid outputs.
 * Discriminator loss: -log sigma(d(prior)) - log(1 - sigma(d(y))) (y detached).
 * Encoder term (non-saturating): -log sigma(d(y)).
 */
export function priorDiscriminatorLoss(priorLogits: tf.Tensor, encodedLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(priorLogits.neg())).add(tf.mean(tf.softplus(encodedLogits))) as tf.Scalar);
}
export function priorEncoderLoss(encodedLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(encodedLogits.neg())) as tf.Scalar);
}
