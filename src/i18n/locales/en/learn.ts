/** English strings of the learn area (keys are t('learn.…')). */
export const learn = {
  title: 'Learn: how each method learns',
  intro: 'What each method learns from, the loss it minimises, what one batch holds and what its charts should show. The batch preview draws from the dataset and method of the experiment setup.',
  picker: {
    label: 'Method',
    image: 'Image methods',
    context: 'Context-based (predict part of an image from the rest)',
    video: 'Video methods (need a video dataset)',
    setup: '{{method}} (in the setup)',
  },
  sections: {
    pretext: 'Pretext task',
    loss: 'Loss',
    batch: 'A batch',
    watch: 'What to watch on the charts',
    paper: 'Paper and article',
  },
  loss: {
    where: 'Where',
  },
  preview: {
    button: 'Show a batch',
    from: 'A batch of {{method}} drawn from {{dataset}}, with the setup’s params.',
    otherMethod: 'The experiment setup is on {{setup}}: a batch shows {{setup}}, not {{shown}}.',
    pick: 'Use {{method}} in the setup',
    loading: 'Preparing a batch: {{detail}}…',
    loadingLabel: 'Preparing a batch',
    failed: 'The preview failed: {{detail}}',
    label: 'Batch preview',
  },
  paper: {
    by: '{{authors}}. {{venue}}.',
  },
  article: {
    where: 'In the article “一文搞懂AI未来最火的技术：自监督学习”: section {{section}}, paper {{paper}}.',
    none: 'Not one of the article’s methods: the supervised baseline that the self-supervised methods are measured against.',
    overview: 'In the article “一文搞懂AI未来最火的技术：自监督学习”: its overview, section 1.1 基于上下文 (Context based), names this pretext; it has no paper of its own there.',
    sections: {
      context: '2.1 基于上下文 (Context based)',
      temporal: '2.2 基于时序 (Temporal based)',
      contrastive: '2.3 基于对比 (Contrastive based)',
    },
  },
  watch: {
    probe: 'Held-out accuracy: kNN and the linear probe climbing above the dotted random-init lines (step 0) and the dashed raw-pixel lines.',
    collapse: 'The collapse alarm: when the spread of the held-out embeddings falls below {{spread}}, every image maps to nearly the same point.',
    universal: 'Similarity chart: pos and neg come from the universal probe (two augmented views of one image against two different images, on the encoder output h); the gap widens only as far as the features ignore the augmentations.',
  },
  methods: {
    simclr: {
      pretext: 'Two random augmentations of the same image must be recognised as a pair. Each view has to pick out its partner among all the other views of the batch, so the encoder learns features that survive cropping and colour changes but still tell images apart.',
      batch: 'N images, each augmented twice: 2N views, where each view’s partner is its positive and the other 2N − 2 views are its negatives.',
      symbols: {
        z: 'the projection head’s output for view i (f is the encoder, g the head)',
        partner: 'the other view of the same image (the positive)',
        sim: 'cosine similarity',
        tau: 'the NT-Xent temperature',
        n: 'images in the batch; the sum in the denominator runs over the other 2N − 1 views (the view itself is masked)',
      },
      watch: {
        pairs: 'Similarity chart: positives (the two views of one image) rising towards 1, negatives (views of other images) falling towards 0.',
        metrics: 'Its own metrics: the positive logit (cos / T) rising, and the hardest negative’s cosine, how close the most confusable other image still is.',
      },
    },
    moco: {
      pretext: 'A query view of an image must find its key, another view of the same image, among thousands of keys from earlier batches. The keys come from a key encoder that slowly follows the query encoder (an exponential moving average), so the queue of negatives stays consistent while it grows far beyond the batch.',
      batch: 'N images, two views each: the query view goes through the trained encoder, the key view through the key encoder; the queue holds the K most recent keys as negatives.',
      symbols: {
        q: 'the query’s projection, L2-normalised (the gradient flows here)',
        kplus: 'the key of the same image from the key encoder, L2-normalised (no gradient)',
        kj: 'the K keys in the queue; after each step the batch’s keys join it and the oldest leave',
        tau: 'the InfoNCE temperature',
        m: 'the key encoder momentum; θ_q and θ_k are the weights of the query and key encoders, updated before each step',
      },
      watch: {
        pairs: 'Similarity chart: query–key positives rising, the queue’s negatives falling.',
        metrics: 'Its own metrics: the queue fill reaching 1 after K / N steps (the task is easier until then), and the positive logit pulling away from the queue logit.',
      },
    },
    cpc: {
      pretext: 'Each image is cut into an overlapping grid of patches. A context network reads the rows from the top down and, from what it has seen so far, predicts the encodings of the patches 1 to K rows below; the true patch must score higher than every other patch of the batch.',
      batch: 'N augmented images, each cut into an R × C grid of patches, every patch through the encoder: N·R·C encodings, which are both the targets and the negatives.',
      symbols: {
        z: 'the encoding of the patch at row r, column c of image n',
        c: 'the context at that position, which sees only rows ≤ r (masked convolutions)',
        w: 'a linear map per step k = 1…K, predicting the row k below',
        p: 'every (image, row, column, k) with a row r + k inside the grid: all positions and steps count equally',
        all: 'all N·R·C patch encodings of the batch: the true one and the negatives',
      },
      watch: {
        pairs: 'Similarity chart: a prediction’s cosine with its true patch (positive) rising above its cosine with the other patches (negatives).',
        metrics: 'Its own metric: the contrastive accuracy, how often the true patch scores highest of all N·R·C; chance is 1 / (N·R·C).',
      },
    },
    dim: {
      pretext: 'An image’s global feature (the end of the encoder) must be matched with its own local features (each position of an intermediate feature map) rather than those of other images. A discriminator scores (local, global) pairs; the better it tells them apart, the higher a lower bound on their mutual information.',
      batch: 'N images without augmentation; each global vector is scored against the P local features of its own image (positives) and of the N − 1 other images (negatives).',
      symbols: {
        u: 'the score of image i’s global feature y with local feature p of image j: small networks φ and ψ embed both, and by default the dot product is divided by √D (D the embedding size)',
        sp: 'softplus, log(1 + eˣ)',
        estimators: 'the three mutual-information estimators; JSD is the paper’s default',
        global: 'the same estimator on the global pairs (the pooled feature map against y); weight α',
        weights: 'the weights of the local, global and prior-matching terms',
        prior: 'the prior discriminator, trained on its own to tell uniform samples from σ(y); the encoder learns to fool it',
      },
      watch: {
        pairs: 'Similarity chart: the cosine of an image’s global embedding with its own local embeddings (positives) rising, with other images’ (negatives) falling.',
        metrics: 'Its own metrics: the local loss, which with JSD starts near 0 and falls towards −2 log 2 ≈ −1.39; with prior matching on, the encoder’s and the discriminator’s prior losses staying balanced, neither going to 0.',
      },
    },
    sla: {
      pretext: 'Each labelled image is shown in four rotations, and one classifier predicts class and rotation together: (cat, 0°), (cat, 90°), … so rotation becomes a label to learn instead of an invariance to force. At test time the four rotations vote, and a self-distilled head learns that vote so that one pass is enough.',
      batch: 'N labelled images, each in 4 rotations interleaved per image (4N inputs), with joint labels class × 4 + rotation.',
      symbols: {
        t: 'rotation by j × 90°, j = 0…3',
        z: 'the joint classifier’s logits over (class y, rotation j) on the encoder output h',
        zbar: 'the aggregated class scores of image i (its four rotations vote), detached: the teacher',
        u: 'the self-distillation head’s logits on the unrotated image: the student',
        temp: 'the distillation temperature; CE is the cross-entropy with the label yᵢ',
      },
      watch: {
        metrics: 'Its own metrics: the SLA and SD losses falling, the joint (class, rotation) accuracy rising.',
        heads: 'Accuracy chart: the thin lines of its heads, SLA single, SLA aggregated and SLA+SD, against a supervised baseline run on the same data.',
      },
    },
    s4l: {
      pretext: 'Semi-supervised: a few images have labels, most do not. Every image gets a self-supervised task, either predicting which of four rotations was applied or (exemplar) embedding the views of one image close together, and the labelled ones also train a classifier on the same encoder.',
      batch: 'L labelled images plus N images drawn from the whole training set (treated as unlabelled); rotation: all of them in 4 rotations; exemplar: V augmented views of each.',
      symbols: {
        lab: 'the labelled rows of the batch; c is the class head, yᵢ the label, h the encoder output',
        w: 'the self-supervised loss weight',
        rot: 'the rotation task: ρ is the 4-way rotation head, rot_r rotates by r × 90°, M = L + N images',
        ex: 'the exemplar task: eₐ is the L2-normalised embedding of view a; the farthest view of the same image (p ~ a) and the nearest view of another (n ≁ a)',
      },
      watch: {
        pairs: 'Similarity chart: rotation uses the universal probe (two augmented views of one image against different images, on h); exemplar shows its embedding’s views of one image (positives) against other images (negatives).',
        metrics: 'Its own metrics: the class and self-supervised losses falling, the self-supervised accuracy rising (chance is 25% for rotations).',
        heads: 'Accuracy chart: the class head’s held-out accuracy against a supervised baseline trained on the same labelled percent.',
      },
    },
    supervised: {
      pretext: 'No pretext task: plain classification with the labels, through the same encoder and augmentations as the self-supervised methods. It is the reference: what the encoder reaches when the labels are given.',
      batch: 'N augmented labelled images (from the chosen labelled percent) with their classes.',
      symbols: {
        w: 'the linear classifier on the encoder output h',
        h: 'the encoder f on an augmented image',
        y: 'the class of image i; N images per batch',
      },
      watch: {
        metrics: 'Its own metric: the train accuracy rising towards 1; far above the held-out accuracy, it means overfitting.',
        heads: 'Accuracy chart: the classifier’s held-out accuracy, the ceiling that the self-supervised methods’ linear probe is compared with.',
      },
    },
    tcn: {
      pretext: 'Frames of the same moment seen by two cameras must embed close together, and a frame of the same camera at another moment far apart. The embedding then encodes what changes over time (pose, position) rather than what the camera sees. Single-view: a nearby frame of the same video is the positive, a distant one the negative.',
      batch: 'N triplets of frames: an anchor (camera i at time t), a positive (camera j at time t, or a frame a few steps away) and a negative (camera i at another time).',
      symbols: {
        apn: 'the L2-normalised embeddings of the anchor, positive and negative of triplet i',
        alpha: 'the triplet margin, on squared distances',
        tau: 'the N-pairs temperature (the multi-view default)',
        c: 'the candidates of anchor i: its own positive and every positive of the batch not of the same moment',
      },
      watch: {
        pairs: 'Similarity chart: the anchor–positive cosine (positives) rising above the anchor–negative cosine (negatives).',
        metrics: 'Its own metrics: the triplet accuracy (positive nearer than negative) rising, the active triplets (margin not yet met) falling.',
        heldOut: 'Held-out chart: the cross-view alignment error falling below its chance level (0: each frame’s nearest neighbour in the other view is the same moment).',
      },
    },
    'wang-gupta': {
      pretext: 'Moving patches are found by frame differencing and followed through the video by a tracker. The first and last patch of a track show the same object, so they must embed closer to each other than to patches of other videos, by a margin.',
      batch: 'N tracks: the first patch (anchor) and the last patch (positive) of each, plus R random patches of other videos per track; the K hardest other-video patches of the batch are mined as further negatives.',
      symbols: {
        d: 'the distance between the L2-normalised embeddings of two patches',
        x: 'the first and the last patch of track i',
        neg: 'a negative: one of the K hardest and R random patches of other videos',
        m: 'the ranking margin; the mean runs over every (track, negative) pair',
      },
      watch: {
        pairs: 'Similarity chart: the first–last patch cosine (positives) rising above the cosine with other videos’ patches (negatives, the hard ones included).',
        metrics: 'Its own metric: the ranking accuracy, how often the positive is nearer than a negative.',
        heldOut: 'Held-out chart: the ranking accuracy on tracks of held-out videos rising above 50% (chance).',
      },
    },
    'shuffle-learn': {
      pretext: 'Three frames from a high-motion stretch of video either keep their temporal order (b, c, d or d, c, b) or have the middle one swapped for a frame from outside (b, a, d or b, e, d). A classifier on their features says which; to answer, the encoder has to see how things move.',
      batch: 'N tuples of three frames (3N frames through one shared encoder), about the chosen fraction of them in order, from windows that pass the motion filter.',
      symbols: {
        s: 'the classifier’s “in order” logit for tuple i',
        phi: 'the features of frame k: its last feature map through one shared layer, centred over the tuple',
        c: 'the two-layer classifier on the concatenated features; σ is the sigmoid',
        y: '1 for a tuple in order, 0 for a shuffled one',
      },
      watch: {
        metrics: 'Its own metric: the order accuracy on the training tuples rising above 50%.',
        heldOut: 'Held-out chart: the order accuracy on tuples from held-out videos, the real test (chance 50%).',
      },
    },
    inpainting: {
      pretext: 'A square of the image is erased (filled with the mean colour) and must be painted back from what is left. To fill the hole plausibly the encoder has to know what surrounds it: which object, its colour, where its edges run. The paper adds an adversarial term to make the fill sharp; this playground keeps the L2 term only.',
      batch: 'N training images, each with its hole (the same central square, or one at a random place per image); the encoder sees the masked images, the decoder paints whole images, and only the hole (and an optional band around it) enters the loss.',
      symbols: {
        x: 'the true image; x̂ the decoder’s image, both with pixels in [0, 1]',
        m: 'the hole: 1 inside the square, 0 elsewhere',
        mu: 'the training set’s mean colour, painted into the hole before the encoder sees the image',
        d: 'the encoder f, then the decoder d from its last feature map (nearest-neighbour upsampling and convolutions); σ is the sigmoid',
        band: 'an optional band of context around the hole that the loss also counts, with weight λ (off by default)',
      },
      watch: {
        metrics: 'Its own metrics: the hole’s MSE falling; the MSE outside the hole is not trained and may stay high.',
        preview: 'The preview: masked input, the prediction pasted into the hole, and the truth. Early fills are the mean colour; later ones continue the background and the shape’s colour.',
        heldOut: 'Held-out chart: the hole’s MSE on held-out images falling below the reference line, the training set’s mean image used as the prediction.',
      },
    },
    colorization: {
      pretext: 'Only the lightness of an image is shown (the L of Lab colour space), and its colours (a and b) must be predicted. To colour a shape right the encoder must recognise what it is; colours that can be many things (a shirt) stay ambiguous, which is why the paper predicts a distribution over colour bins rather than one colour.',
      batch: 'N colour training images converted to Lab: L (three equal channels) is the encoder’s input, ab averaged over 2 x 2 blocks is the target, each pixel’s true class its nearest in-gamut ab bin.',
      symbols: {
        l: 'the lightness channel the encoder f sees; d is the decoder from its last feature map',
        q: 'the true bin of pixel p (the nearest in-gamut ab bin centre)',
        v: 'the rebalancing weight: p̃ is the training set’s bin frequency smoothed by a Gaussian, λ the mix with uniform (0.5 in the paper)',
        t: 'the annealed mean shown and scored: temperature T (0.38) over the bin centres c_q',
      },
      watch: {
        metrics: 'Its own metric: the bin accuracy on training pixels rising (backgrounds first).',
        preview: 'The preview: the gray input, the annealed-mean colours and the truth. On colour shapes a shape’s colour is drawn at random, so it cannot be read off its lightness; expect the background and the lightness-linked hues to come right and the rest to stay pale.',
        heldOut: 'Held-out chart: the bin accuracy on held-out images against always predicting the most common bin; the detail line compares the mean ab error with that of the mean colour.',
      },
    },
    rotnet: {
      pretext: 'Each image is turned by 0, 90, 180 or 270 degrees and the network must say by how much. Nothing in the pixels marks which way is up: to answer, the encoder has to recognise the object and know how it usually stands. The rotation underlies SLA and S4L; here it is the whole task.',
      batch: 'N augmented training images, each in all four rotations interleaved per image (4N encoder inputs); the label of a row is its rotation, so every image gives every class once.',
      symbols: {
        t: 'rotation by j × 90°, j = 0…3',
        f: 'the encoder’s representation h, standardised per feature (n: batch statistics in training, running ones at test)',
        w: 'the 4-way linear rotation head',
      },
      watch: {
        metrics: 'Its own metric: the rotation accuracy on the training batch rising from 25%.',
        heldOut: 'Held-out chart: the rotation accuracy on held-out images, each in all four rotations (chance 25%). Shapes that look the same turned (a circle) cannot be told apart: the ceiling is below 100%.',
      },
    },
    jigsaw: {
      pretext: 'The image is cut into a 3 × 3 grid of tiles, the tiles are shuffled by one of P fixed permutations, and the network must say which permutation it was. To put a puzzle back together it has to know what the parts of an object look like and where they belong. Gaps between the tiles and a random shift of each keep it from just matching edges; colour changes on each tile keep it from matching colours.',
      batch: 'N training images, each cut into 9 tiles (8 px on 32 px images, at a random place inside their 10 px cells), put in the order of one of the P permutations drawn at random: 9N tiles through one shared encoder.',
      symbols: {
        x: 'the tile of grid cell c of image i (colour-jittered or made gray on its own)',
        pi: 'the P permutations, a fixed set chosen so that any two differ in as many places as possible; kᵢ is the one image i was shuffled by',
        phi: 'the encoder’s last feature map of a tile through one shared layer (ReLU)',
        c: 'the two-layer classifier on the 9 features concatenated in slot order, giving P logits',
      },
      watch: {
        metrics: 'Its own metric: the permutation accuracy on the training batch rising from 1/P.',
        preview: 'The preview: the image, its tiles in their places (gaps and jitter visible) and the tiles in the order the network sees them, with the permutation’s index and order below.',
        heldOut: 'Held-out chart: the permutation accuracy on puzzles of held-out images (chance 1/P).',
      },
    },
    'relative-position': {
      pretext: 'Two tiles of an image are shown, the centre of a 3 × 3 grid and one of its 8 neighbours, and the network must say where the second lies: up-left, up, up-right, left, right, down-left, down or down-right. To know that a wheel goes below a car door it has to recognise the parts of objects. Gaps and a random shift of each tile keep it from matching edges; colour changes on each tile keep it from reading the colour fringes a lens leaves towards the image border.',
      batch: 'N training images, each cut into the 3 × 3 grid (8 px tiles in 10 px cells on 32 px images); per image the centre tile and one neighbour drawn at random: 2N tiles through one shared encoder.',
      symbols: {
        x: 'tile 5 of image i, the centre of the grid (cells numbered 1 to 9 row by row), colour-guarded on its own',
        k: 'the neighbour’s cell and its class, one of the 8 directions',
        phi: 'the encoder’s last feature map of a tile through one shared layer (ReLU)',
        c: 'the two-layer classifier on the two features concatenated (centre first), giving 8 logits',
      },
      watch: {
        metrics: 'Its own metric: the position accuracy on the training batch rising from 12.5%.',
        preview: 'The preview: the image, its centre tile and the neighbour tile with the direction the network must name.',
        heldOut: 'Held-out chart: the 8-way accuracy on held-out images, each with all 8 neighbours (chance 12.5%). Symmetric shapes make some directions ambiguous: the ceiling is below 100%.',
      },
    },
  },
};
