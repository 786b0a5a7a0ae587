/**
 * How many frames (and views) each video method needs, at the frame rates this app samples
 * (about 10 fps). Clips shorter than this are kept for the image methods and listed as too short.
 */
export interface VideoNeed {
  method: string;
  minFrames: number;
  minViews: number;
  why: string;
}

export const VIDEO_METHOD_NEEDS: readonly VideoNeed[] = [
  { method: 'Time-Contrastive Networks (single-view)', minFrames: 8, minViews: 1, why: 'a positive within 2 frames and a negative more than 4 frames away' },
  { method: 'Time-Contrastive Networks (multi-view)', minFrames: 4, minViews: 2, why: 'two synchronised views and a negative at another time step' },
  { method: 'Shuffle and Learn', minFrames: 8, minViews: 1, why: 'five ordered frames a<b<c<d<e with gaps between them' },
  { method: 'Wang & Gupta tracking', minFrames: 10, minViews: 1, why: 'a patch tracked for about 10 frames' },
];
