/** English strings of the setup area (keys are t('setup.…')). */
export const setup = {
  config: {
    dataAndMethod: 'Data and method',
    dataset: 'Dataset',
    builtIn: 'Built in',
    dropped: 'Dropped (kept in this browser)',
    notLoadedOption: '{{id}} (not loaded)',
    droppedDescription: '{{source}}. Fingerprint {{fingerprint}}.',
    notLoaded: 'This dataset is not loaded in this browser: drop its files again.',
    method: 'Method',
    imageMethods: 'Image methods',
    contextMethods: 'Context-based (predict part of an image from the rest)',
    videoMethods: 'Video methods (need a video dataset)',
    paperLink: '{{authors}}, {{venue}}',
    run: 'Run',
    stepsFromBudget: 'Set at Train from the budget in minutes.',
    checkpoints: 'Checkpoints (kept in this browser, not part of the experiment or its link)',
    backend: 'Backend',
    tierNote: 'Defaults are tuned for {{tier}}.',
    tierNoteAdapter: 'Defaults are tuned for {{tier}} ({{adapter}}).',
    reset: 'Reset {{method}} params to defaults',
    normGroupsUnused: 'Not used: the encoder has no normalisation (norm is none).',
  },
  /** PARAM_SECTIONS (shared/paramGroups.ts) by id; the English equals each section's title. */
  sections: {
    optimisation: 'Optimisation',
    encoder: 'Encoder and head',
    augmentations: 'Augmentations (per view)',
  },
  /** RUN_SETTINGS (shared/config.ts) labels; the English equals the specs'. */
  runSettings: {
    seed: 'Seed',
    maxSteps: 'Steps',
    evalEvery: 'Evaluate every (steps; 0 = never)',
    evalBankSize: 'Evaluation train images (kNN bank, probe)',
    evalQuerySize: 'Held-out images (kNN, probe, map, video tasks)',
    metricsEvery: 'Read metrics every (steps)',
  },
  /** CHECKPOINT_SETTINGS (checkpoint/types.ts) labels; the English equals the specs'. */
  checkpointSettings: {
    everySteps: 'Checkpoint every (steps)',
    everySeconds: 'and at least every (seconds; 0 = steps only)',
    keep: 'Checkpoints kept per run',
  },
  /** shared/tiers.ts and shared/gpuTier.ts: whose defaults the draft has, and why. */
  tiers: {
    gpu: 'a real GPU (WebGPU or WebGL on a hardware adapter)',
    cpu: 'no GPU (wasm or cpu, or a software GPU adapter)',
    noWebGpu: 'no WebGPU',
    noAdapter: 'no WebGPU adapter',
    unnamedAdapter: 'unnamed adapter',
    webGpuFailed: 'WebGPU failed ({{error}})',
  },
  param: {
    notANumber: 'not a number',
    outOfRange: 'range {{min}} to {{max}}',
    wholeNumber: 'whole number',
    range: 'range {{range}}',
    paper: 'paper: {{paper}}',
    paperHint: 'Paper: {{paper}}',
    hintSeparator: ' · ',
  },
  /** Why Train is blocked (ui/ParamControl.tsx paramProblems). */
  problems: {
    wholeNumber: '{{label}} must be a whole number from {{min}} to {{max}}',
    number: '{{label}} must be a number from {{min}} to {{max}}',
  },
  budget: {
    minutes: 'Budget (minutes)',
    legend: "Budget in (this browser's choice, not part of a link)",
    modeSteps: 'steps',
    modeMinutes: 'minutes',
    minutesNote: '{{minutes}} is about {{steps}} steps: Train sets “{{stepsLabel}}” to that, and the run records steps.',
    minutesNoteUntimed: 'Train times a few steps first, then sets “{{stepsLabel}}” from the budget.',
    timing: 'Timing a few steps of this setup: {{detail}}…',
    timingLabel: 'Timing a few steps',
    noEstimate: 'No estimate yet: no run of this setup (method, backend, dataset, batch size and width) was measured in this browser.',
    timingFailed: 'Timing failed: {{detail}}',
    timeSteps: 'Time a few steps',
    timeStepsAgain: 'Time a few steps again',
  },
  /** shared/estimate.ts and store/estimateSlice.ts. */
  estimate: {
    seconds: '{{s}} s',
    minutesSeconds: '{{m}} min {{s}} s',
    hoursMinutes: '{{h}} h {{m}} min',
    about: 'about {{duration}}',
    minutes: '{{minutes}} min',
    head: 'Estimated time on {{backend}}: {{duration}} for {{steps}} steps (from {{source}})',
    plain: '{{head}}.',
    evaluationsIncluded: '{{head}}, evaluations included ({{evalTime}}).',
    evaluationAdds: '{{head}}: training steps only, evaluation adds about {{percent}}%.',
    evaluationNotIncluded: '{{head}}: training steps only, evaluation not included.',
    sourceRun: 'your run "{{name}}"',
    sourceTiming: 'timing {{steps}} steps',
    startingWorker: 'starting a worker',
  },
  /** methods/requirements.ts: what a method needs of a dataset. */
  requirements: {
    needsColour: '{{method}} predicts colour from lightness: "{{dataset}}" is grayscale (one channel), so there is no colour to predict; choose a colour dataset such as "Colour shapes".',
    needsVideo: '{{method}} trains on videos: choose "Moving shapes videos" or "Multi-view turntable", or drop video files, as the dataset.',
    needsLabels_one: '{{method}} trains on labels: "{{dataset}}" has {{count}} class with both training and held-out images (it needs 2 or more; put the images in one folder per class).',
    needsLabels_other: '{{method}} trains on labels: "{{dataset}}" has {{count}} classes with both training and held-out images (it needs 2 or more; put the images in one folder per class).',
  },
  /** A recorded or linked value that does not fit its setting (shared/params.ts validateParams). */
  paramIssue: {
    notBool: '{{label}}: expected true or false, using {{fallback}}',
    notOption: '{{label}}: "{{value}}" is not one of {{options}}; using {{fallback}}',
    notFinite: '{{label}}: not a finite number, using {{fallback}}',
    outOfRange: '{{label}}: {{value}} is outside [{{min}}, {{max}}], using {{clamped}}',
    unknown: 'unknown parameter "{{key}}" ignored',
  },
  /** shared/dataLimits.ts: settings a dataset is too small for. */
  limits: {
    batchTooLarge_one: "Batch size {{batch}} is larger than the dataset's {{count}} training image: set it to {{count}} or less, or drop more images.",
    batchTooLarge_other: "Batch size {{batch}} is larger than the dataset's {{count}} training images: set it to {{count}} or less, or drop more images.",
    fewHeldOut_one: 'Evaluation needs at least {{min}} held-out images per class; {{classes}} has fewer. Drop more images, or set "Evaluate every" to 0 to train without evaluation.',
    fewHeldOut_other: 'Evaluation needs at least {{min}} held-out images per class; {{classes}} have fewer. Drop more images, or set "Evaluate every" to 0 to train without evaluation.',
    andMore: '{{list}} and {{more}} more',
    tooFewToTrust: '(n = {{n}}, too few to trust)',
  },
  /** models/encoderLayout.ts: what the group count means at a width. */
  normGroups: {
    atWidth: 'At width {{width}}: stage 1 {{stage1}}, stage 2 {{stage2}}, stage 3 {{stage3}}',
    instance_one: 'instance norm ({{count}} group of 1 channel)',
    instance_other: 'instance norm ({{count}} groups of 1 channel)',
    layer: 'layer norm (1 group of {{channels}} channels)',
    groups: '{{groups}} groups of {{per}}',
  },
};
