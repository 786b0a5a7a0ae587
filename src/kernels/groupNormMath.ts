/**
 * Group norm over NHWC data in plain loops: the forward pass and its closed-form gradient, for
 * the backends whose tensors live in JS-reachable memory (wasm's heap, cpu's typed arrays).
 * Layout: x[(n * HW + p) * C + c], channel c in group floor(c / (C / G)); statistics per
 * (sample, group) over its HW * C / G values.
 * Loops run per sample (its HW * C values stay in cache) with per-channel accumulators in
 * locals-backed typed arrays indexed by channel, never by a computed group per element.
 */
export interface GroupNormShape { n: number; hw: number; c: number; groups: number; eps: number }

/** Sums channels into their groups. */
function toGroups(perChannel: Float64Array, groups: number, out: Float64Array): void {
  const cg = perChannel.length / groups;
  for (let g = 0; g < groups; g++) { let s = 0; for (let j = 0; j < cg; j++) s += perChannel[g * cg + j]; out[g] = s; }
}

/**
 * Per channel of sample s: mean and rstd of its group, expanded to channels. One pass of sums
 * and sums of squares in float64 (exact enough for activations of order 1-100: the variance
 * loses about log10(mean^2 / var) of float64's 16 digits).
 */
function sampleStats(x: Float32Array, base: number, { hw, c, groups, eps }: GroupNormShape, meanC: Float64Array, rstdC: Float64Array, sumC: Float64Array, sumG: Float64Array): void {
  const cg = c / groups, count = hw * cg;
  const sqC = rstdC; // reused as scratch for the squares, overwritten below
  sumC.fill(0); sqC.fill(0);
  const end = base + hw * c;
  for (let i = base; i < end; i += c) for (let ch = 0; ch < c; ch++) { const v = x[i + ch]; sumC[ch] += v; sqC[ch] += v * v; }
  toGroups(sumC, groups, sumG);
  for (let ch = 0; ch < c; ch++) meanC[ch] = sumG[(ch / cg) | 0] / count;
  toGroups(sqC, groups, sumG);
  for (let ch = 0; ch < c; ch++) {
    const m = meanC[ch];
    rstdC[ch] = 1 / Math.sqrt(Math.max(0, sumG[(ch / cg) | 0] / count - m * m) + eps);
  }
}

/** y = gamma * (x - mean) * rstd + beta. */
export function groupNormForward(x: Float32Array, gamma: Float32Array, beta: Float32Array, shape: GroupNormShape, y: Float32Array): void {
  const { n, hw, c, groups } = shape;
  const meanC = new Float64Array(c), rstdC = new Float64Array(c), sc = new Float64Array(c), sg = new Float64Array(groups);
  const a = new Float32Array(c), b = new Float32Array(c);
  for (let s = 0; s < n; s++) {
    const base = s * hw * c;
    sampleStats(x, base, shape, meanC, rstdC, sc, sg);
    for (let ch = 0; ch < c; ch++) { a[ch] = gamma[ch] * rstdC[ch]; b[ch] = beta[ch] - meanC[ch] * a[ch]; }
    const end = base + hw * c;
    for (let i = base; i < end; i += c) for (let ch = 0; ch < c; ch++) y[i + ch] = x[i + ch] * a[ch] + b[ch];
  }
}

/**
 * dx = rstd * (g - mean_grp(g) - xhat * mean_grp(g * xhat)), g = dy * gamma;
 * dgamma = sum dy * xhat, dbeta = sum dy (over N, H, W).
 * With xhat = (x - mean) * rstd, per channel: sum dy*xhat = rstd * (sum dy*x - mean * sum dy).
 */
export function groupNormBackward(x: Float32Array, gamma: Float32Array, dy: Float32Array, shape: GroupNormShape, dx: Float32Array, dGamma: Float32Array, dBeta: Float32Array): void {
  const { n, hw, c, groups } = shape;
  const cg = c / groups, count = hw * cg;
  const meanC = new Float64Array(c), rstdC = new Float64Array(c), sc = new Float64Array(c), sg = new Float64Array(groups);
  const sumDy = new Float64Array(c), sumDyX = new Float64Array(c);
  const gG = new Float64Array(groups), gxG = new Float64Array(groups);
  const dGammaAcc = new Float64Array(c), dBetaAcc = new Float64Array(c);
  const k1 = new Float64Array(c), k2 = new Float64Array(c), k3 = new Float64Array(c);
  for (let s = 0; s < n; s++) {
    const base = s * hw * c, end = base + hw * c;
    sampleStats(x, base, shape, meanC, rstdC, sc, sg);
    sumDy.fill(0); sumDyX.fill(0);
    for (let i = base; i < end; i += c) for (let ch = 0; ch < c; ch++) { const d = dy[i + ch]; sumDy[ch] += d; sumDyX[ch] += d * x[i + ch]; }
    // Per channel: sum dy*xhat; per group: mean of g and of g*xhat.
    for (let ch = 0; ch < c; ch++) {
      const dyXhat = rstdC[ch] * (sumDyX[ch] - meanC[ch] * sumDy[ch]);
      dGammaAcc[ch] += dyXhat;
      dBetaAcc[ch] += sumDy[ch];
      sc[ch] = gamma[ch] * sumDy[ch];   // sum of g over this channel
      k3[ch] = gamma[ch] * dyXhat;      // sum of g * xhat over this channel
    }
    toGroups(sc, groups, gG);
    toGroups(k3, groups, gxG);
    // dx = k1 * dy + k2 * x + k3, per channel.
    for (let ch = 0; ch < c; ch++) {
      const g = (ch / cg) | 0, r = rstdC[ch];
      const meanG = gG[g] / count, meanGX = gxG[g] / count;
      k1[ch] = r * gamma[ch];
      k2[ch] = -r * r * meanGX;
      k3[ch] = -r * meanG + r * r * meanC[ch] * meanGX;
    }
    for (let i = base; i < end; i += c) for (let ch = 0; ch < c; ch++) dx[i + ch] = k1[ch] * dy[i + ch] + k2[ch] * x[i + ch] + k3[ch];
  }
  for (let ch = 0; ch < c; ch++) { dGamma[ch] = dGammaAcc[ch]; dBeta[ch] = dBetaAcc[ch]; }
}
