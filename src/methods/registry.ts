/**
 * Method implementations by id (training side only: imports tfjs). The type requires an
 * implementation for every spec in ./catalog.ts.
 */
import type { AnyParamValues } from '../shared/params';
import type { MethodId } from './catalog';
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
import type { MethodImpl } from './types';

export const METHOD_IMPLS: { [K in MethodId]: MethodImpl<never> } = {
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
};

export function methodImpl(id: MethodId): MethodImpl<AnyParamValues> {
  return METHOD_IMPLS[id] as unknown as MethodImpl<AnyParamValues>;
}
