/**
 * Method implementations by id (training side only: imports tfjs). The type requires an
 * implementation for every spec in ./catalog.ts, and each under its own spec's id: an
 * implementation carries its spec, so registering it under another id does not compile.
 */
import type { AnyParamValues } from '../shared/params';
import type { MethodId, METHOD_SPECS } from './catalog';
import { moco } from './moco';
import { cpc } from './cpc';
import { dim } from './dim';
import { sla } from './sla';
import { s4l } from './s4l';
import { supervised } from './supervised';
import { simclr } from './simclr';
import { tcn } from './tcn';
import { wangGupta } from './wangGupta';
import { shuffleLearn } from './shuffleLearn';
import { inpainting } from './inpainting';
import { colorization } from './colorization';
import { rotnet } from './rotnet';
import { jigsaw } from './jigsaw';
import { relativePosition } from './relativePosition';
import type { MethodContext, MethodImpl, MethodRun } from './types';

/** The registry's type: id K holds the implementation of METHOD_SPECS[K]. */
export type MethodImpls = { [K in MethodId]: MethodImpl<(typeof METHOD_SPECS)[K]> };

export const METHOD_IMPLS: MethodImpls = {
  simclr,
  moco,
  cpc,
  dim,
  sla,
  s4l,
  supervised,
  tcn,
  'wang-gupta': wangGupta,
  'shuffle-learn': shuffleLearn,
  inpainting,
  colorization,
  rotnet,
  jigsaw,
  'relative-position': relativePosition,
};

/** An implementation with its params and batch types erased, for callers that pick a method by id. */
export interface AnyMethodImpl {
  spec: MethodImpl['spec'];
  create(ctx: MethodContext<AnyParamValues>): MethodRun;
}

export function methodImpl(id: MethodId): AnyMethodImpl {
  return METHOD_IMPLS[id] as unknown as AnyMethodImpl;
}
