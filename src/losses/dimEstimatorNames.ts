/** DIM's estimator names, UI-safe (the spec imports them; the loss code lives in ./dim.ts). */
export const DIM_ESTIMATORS = ['jsd', 'infonce', 'dv'] as const;
export type DimEstimator = (typeof DIM_ESTIMATORS)[number];
