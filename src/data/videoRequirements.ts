/**
 * How many frames (and views) each video method needs, at the frame rates this app samples
 * (about 10 fps). Clips shorter than this are kept for the image methods and listed as too short.
 */
import { text, type Text } from '../shared/text';

export interface VideoNeed {
  /** The method as the summary names it. */
  method: Text;
  minFrames: number;
  minViews: number;
  /** Why it needs this many frames or views. */
  why: Text;
}

export const VIDEO_METHOD_NEEDS: readonly VideoNeed[] = [
  { method: text('data.videoNeeds.tcnSingle.method'), minFrames: 8, minViews: 1, why: text('data.videoNeeds.tcnSingle.why') },
  { method: text('data.videoNeeds.tcnMulti.method'), minFrames: 4, minViews: 2, why: text('data.videoNeeds.tcnMulti.why') },
  { method: text('data.videoNeeds.shuffleLearn.method'), minFrames: 8, minViews: 1, why: text('data.videoNeeds.shuffleLearn.why') },
  { method: text('data.videoNeeds.wangGupta.method'), minFrames: 10, minViews: 1, why: text('data.videoNeeds.wangGupta.why') },
];
