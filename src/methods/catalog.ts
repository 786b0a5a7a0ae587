/**
 * Every method the product offers, as UI-safe specs. Adding a method: its spec here (one line),
 * its implementation in ./registry.ts (the types there require one for every id below).
 */
import type { MethodSpec } from './spec';
import { simclrSpec } from './specs/simclr';
import { mocoSpec } from './specs/moco';

export const METHOD_SPECS = {
  simclr: simclrSpec,
  moco: mocoSpec,
} as const satisfies Record<string, MethodSpec>;

export type MethodId = keyof typeof METHOD_SPECS;
export const METHOD_IDS = Object.keys(METHOD_SPECS) as MethodId[];

export function isMethodId(id: string): id is MethodId {
  return Object.prototype.hasOwnProperty.call(METHOD_SPECS, id);
}

/** Methods of METHODS.md not implemented yet, listed (disabled) so users see what is coming. */
export const PLANNED_METHODS: readonly { id: string; label: string }[] = [
  { id: 'cpc', label: 'CPC' },
  { id: 'dim', label: 'Deep InfoMax' },
  { id: 'sla', label: 'SLA + SD' },
  { id: 's4l', label: 'S4L (rotation / exemplar)' },
  { id: 'tcn', label: 'Time-Contrastive Networks' },
  { id: 'wang-gupta', label: 'Wang & Gupta tracking + ranking' },
  { id: 'shuffle-learn', label: 'Shuffle and Learn' },
];
