/** English strings of the messages area (keys are t('messages.…')): what the run store and the training worker tell the user. */
export const messages = {
  /** What a worker is doing while it starts (the status line's detail). */
  worker: {
    starting: 'starting a worker',
    startingBackend: 'starting the backend',
    loadingDataset: 'loading {{id}}',
    buildingModel: 'building the model',
    timingWarmup: 'timing: a warm-up step',
    timingStep: 'timing step {{index}} of {{count}}',
    timingEvaluation: 'timing one evaluation',
    failed: 'failed',
    unknownError: 'unknown error',
    trainingCrashed: 'The training worker crashed: {{what}}',
    datasetGone: 'The dataset "{{id}}" is no longer in this browser\'s storage (forgotten or cleared): drop its files again.',
    dataCrashed: 'The data worker crashed: {{what}}',
    previewCrashed: 'The preview worker crashed: {{what}}',
    timingCrashed: 'The timing worker crashed: {{what}}',
  },
  /** Why the worker's backend was chosen (the header's backend line). */
  backend: {
    hardware: '{{name}} on a hardware adapter ({{adapter}})',
    software: "{{name}}'s adapter is a software renderer ({{adapter}}): the CPU emulating a GPU, ranked below wasm",
    gpuFailed: 'the GPU backends failed to start',
    noHardwareGpu: 'no hardware GPU adapter: wasm (SIMD) is the fastest backend on this CPU',
    fasterFailed: 'every faster backend failed to start',
    forced: 'forced by the Backend setting',
    asInHistory: 'as recorded in History',
    asInCheckpoint: 'as recorded in its checkpoint',
    noneStarted: 'No backend could start: {{reasons}}',
  },
  /** The training phase's details while the loop evaluates. */
  evaluation: {
    step0: 'evaluating the random-init encoder (step 0: kNN, linear probe, map)',
    evaluating: 'evaluating (kNN, linear probe, map)',
    rawPixel: 'raw-pixel baseline (kNN and linear probe on pixels)',
    imported: 'evaluating the imported encoder',
    progress: '{{what}}: {{part}} ({{index}} of {{parts}})',
    parts: {
      embedding: 'embedding held-out images',
      knn: 'kNN',
      linearProbe: 'linear probe',
      heads: 'classifier heads',
      similarity: 'similarity probe',
      heldOutTask: "the method's held-out task",
    },
  },
  /** Notices: what a run does differently from what was asked. */
  notice: {
    noLabels: 'This dataset has no labelled held-out images from two or more classes, so kNN and linear-probe accuracy are not measured (the similarity probe and the map still are). Put images in one subfolder per class to get them.',
    importedEncoder: 'Evaluating an imported encoder ({{description}}): no training, one evaluation of its frozen features.',
    batchClamped_one: 'Batch size {{batch}} is larger than the {{count}} training image: this run uses batches of {{count}}.',
    batchClamped_other: 'Batch size {{batch}} is larger than the {{count}} training images: this run uses batches of {{count}}.',
    knnClamped: 'kNN uses k = {{k}} neighbours, not {{usual}}: the evaluation bank holds only {{bank}} labelled training images.',
    resumed: 'Resumed from the checkpoint at step {{step}}.',
    otherBackend: 'This run trained on {{from}} up to its checkpoint and continues on {{to}}: its losses will differ slightly from those of an uninterrupted run.',
  },
  /** Why a run stopped, failed or was interrupted. */
  run: {
    nonFiniteLoss: 'The loss became {{value}} at step {{step}}. Training stopped; the metrics so far are kept. Try a lower learning rate or a higher temperature.',
    deviceLost: 'The GPU device was lost.',
    deviceLostAt: 'The GPU device was lost ({{detail}}): the run stopped at step {{step}}; {{resume}}',
    resumeFromStart: 'no checkpoint was written yet, so continuing it starts again from step 0.',
    resumeFromCheckpoint: 'its last checkpoint (step {{step}}) can be resumed.',
    reloaded: 'This run was interrupted at step {{step}} when the page was reloaded or closed. Its checkpoint is kept in this browser.',
    stoppedBeforeContinuing: 'This run was stopped before it continued from its checkpoint.',
    unanswering: 'Its worker had not answered for {{seconds}} s and was terminated.',
    stoppedUnanswering: 'its worker stopped answering and was terminated',
    takenOffQueue: 'taken off the queue',
  },
  /** Continuing a run from its stored checkpoints. */
  restore: {
    unreadable: 'The stored checkpoints of this run could not be read ({{error}}): it starts again from step 0.',
    none: 'No checkpoint of this run is stored: it starts again from step 0.',
    refused: 'A stored checkpoint was refused: {{problem}}; {{next}}.',
    doesNotFit: 'the checkpoint at step {{step}} does not fit this run ({{error}})',
    tryOlder: 'continuing from the older checkpoint at step {{step}} if it is sound',
    noOlder: 'no older checkpoint is left, so the run starts again from step 0',
  },
  /** Why a stored checkpoint cannot be loaded (checkpoint/format.ts). */
  checkpointProblem: {
    empty: 'the record is empty',
    missingParts: 'the checkpoint at step {{step}} is missing parts',
    format: 'the checkpoint at step {{step}} has format {{format}}, not 1 (written by another version of Pretext)',
    noTensorData: 'the checkpoint at step {{step}} has no tensor data',
    tensorOutside: 'the checkpoint at step {{step}} is damaged: tensor {{tensor}} does not fit its data',
    unreadable: 'the checkpoint at step {{step}} could not be read: {{error}}',
    checksum: 'the checkpoint at step {{step}} is damaged (its checksum does not match what it holds)',
  },
  /** IndexedDB that cannot be opened (private modes, sandboxed frames, an older tab). */
  storage: {
    name: { history: 'History', checkpoints: 'Checkpoints' },
    noIndexedDb: '{{what}} is unavailable: this browser has no IndexedDB, so nothing is kept after a reload.',
    refused: '{{what}} is unavailable: the browser refused to open its database: {{detail}}',
    notOpened: '{{what}} is unavailable: the database could not be opened (private browsing can cause this): {{detail}}',
    blocked: '{{what}} is unavailable: another tab of this app holds an older version of the database; close it and reload.',
  },
  /** A checkpoint that could not be written (training goes on). */
  checkpointWrite: {
    quota: "Checkpoint at step {{step}} not written: it needs {{needed}} MB and browser storage is {{percent}}% full ({{usage}} of {{quota}} MB used). Training goes on; the last checkpoint written is kept. Delete old runs or dropped datasets to make room.",
    ranOut: 'Checkpoint at step {{step}} not written: browser storage ran out of room while writing it ({{needed}} MB). Training goes on; the last checkpoint written is kept. Delete old runs or dropped datasets to make room.',
    storageError: 'Checkpoint at step {{step}} not written: {{error}}. Training goes on; the last checkpoint written is kept. Delete old runs or dropped datasets to make room.',
    failed: 'Checkpoint at step {{step}} not written: {{error}}. Training goes on; the last checkpoint written is kept.',
  },
  /** A video dataset or setting a video method cannot sample from (video/samplers.ts). */
  video: {
    multiViewNoSync: 'Multi-view TCN needs synchronised views: at least one scene filmed by 2 or more cameras (clips with the same scene). This data has a single view per scene; use single-view TCN or a multi-view dataset such as the turntable.',
    multiViewTooShort: 'Multi-view TCN needs clips longer than the negative gap ({{gap}} frames) so a negative exists; the longest synchronised scene has {{longest}} frames. Lower the gap or use longer clips.',
    singleViewRadii: 'Single-view TCN: the negative radius ({{negative}}) must be at least the positive radius ({{positive}}), or negatives could be closer than positives.',
    singleViewTooShort: 'Single-view TCN needs clips of at least {{min}} frames (negative radius {{negative}} + 2); the longest clip has {{longest}}. Lower the radii or use longer clips.',
    shuffleWindow: 'Shuffle and Learn: the window must hold at least {{min}} frames (got {{window}}).',
    shuffleWindowGap: 'Shuffle and Learn: the window must hold at least {{min}} frames (got {{window}}): five frames with b - a and e - d at least {{gap}}.',
    shuffleTooShort: 'Shuffle and Learn needs clips of at least {{min}} frames (it orders frames a < b < c < d < e of one clip); the longest clip here has {{longest}}.',
    shuffleTooShortGap: 'Shuffle and Learn needs clips of at least {{min}} frames (it orders frames a < b < c < d < e of one clip, with b - a and e - d at least {{gap}}); the longest clip here has {{longest}}.',
  },
};
