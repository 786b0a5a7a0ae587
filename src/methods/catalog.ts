/**
 * Every method the product offers, as UI-safe specs. Adding a method: its spec here (one line),
 * its implementation in ./registry.ts (the types there require one for every id below).
 */
import type { MethodSpec } from './spec';
import { simclrSpec } from './specs/simclr';
import { mocoSpec } from './specs/moco';
import { cpcSpec } from './specs/cpc';
import { dimSpec } from './specs/dim';
import { slaSpec } from './specs/sla';
import { s4lSpec } from './specs/s4l';
import { supervisedSpec } from './specs/supervised';

export const METHOD_SPECS = {
  simclr: simclrSpec,
  moco: mocoSpec,
  cpc: cpcSpec,
  dim: dimSpec,
  sla: slaSpec,
  s4l: s4lSpec,
  supervised: supervisedSpec,
} as const satisfies Record<string, MethodSpec>;

export type MethodId = keyof typeof METHOD_SPECS;
export const METHOD_IDS = Object.keys(METHOD_SPECS) as MethodId[];

export function isMethodId(id: string): id is MethodId {
  return Object.prototype.hasOwnProperty.call(METHOD_SPECS, id);
}

/** Methods of METHODS.md not implemented yet, listed (disabled) so users see what is coming. */
export const PLANNED_METHODS: readonly { id: string; label: string }[] = [
  { id: 'tcn', label: 'Time-Contrastive Networks' },
  { id: 'wang-gupta', label: 'Wang & Gupta tracking + ranking' },
  { id: 'shuffle-learn', label: 'Shuffle and Learn' },
];

/** Names of a method's own classifier heads scored at evaluations (none for most methods). */
export function testAccuracyNames(id: MethodId): readonly string[] {
  // A constant for "none": UI selectors compare results by identity.
  return (METHOD_SPECS[id] as MethodSpec).testAccuracies ?? NO_TEST_ACCURACIES;
}
const NO_TEST_ACCURACIES: readonly string[] = [];
