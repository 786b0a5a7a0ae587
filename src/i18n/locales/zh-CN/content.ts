import type { CatalogTree } from '../types';

/** 方法、参数、指标、数据集与预设的中文（键与 en/content.ts 生成的键一致，catalogs.test.ts 与 content.test.ts 检查）。 */

const UNIVERSAL_PROBE = '通用探针：pos = 同一训练图像两个增强视图的余弦相似度，neg = 不同图像之间的余弦相似度（编码器输出 h，每步 16 张图像）。';

const methods: CatalogTree = {
  simclr: {
    label: 'SimCLR',
    summary: '每张图像生成两个增强视图；NT-Xent 把每个视图拉向它的配对视图，同时推离批内其余 2N-2 个视图。',
    similarityNote: 'pos：同一图像两个视图的余弦相似度（投影 z）；neg：与其余 2N-2 个视图的平均余弦相似度。',
    metrics: {
      positiveLogit: '正样本 logit（cos / T）',
      topNegativeSim: '最难负样本（cos）',
    },
  },
  moco: {
    label: 'MoCo',
    summary: '查询视图要与它的键（来自动量平均更新的动量编码器）匹配，并与先前批次的键构成的先进先出队列相区分。',
    similarityNote: 'pos：查询与其键的余弦相似度；neg：查询与队列中各键的平均余弦相似度。',
    metrics: {
      queueFill: '队列填充（比例）',
      positiveLogit: '正样本 logit（cos / T）',
      queueLogit: '队列 logit（cos / T）',
    },
  },
  cpc: {
    label: 'CPC',
    summary: '每张图像被切成相互重叠的图像块网格；上下文网络自上而下逐行读取，预测下方 1..K 行图像块的编码，并与批内所有其他图像块比较打分（InfoNCE）。',
    similarityNote: 'pos：预测与真实图像块编码的余弦相似度；neg：与批内所有其他图像块（其他图像和其他位置）的余弦相似度。',
    metrics: {
      contrastiveAccuracy: '对比准确率',
    },
  },
  dim: {
    label: 'Deep InfoMax（深度信息最大化）',
    summary: '最大化图像的全局特征与其局部特征（中间特征图的每个位置）之间的互信息，以其他图像的局部特征作对照；可选地以对抗方式让全局特征匹配均匀先验。',
    similarityNote: 'pos：图像的全局嵌入与其自身局部嵌入的余弦相似度；neg：与其他图像的局部嵌入的余弦相似度（判别器的投影）。',
    metrics: {
      localLoss: '局部损失',
      globalLoss: '全局损失',
      priorEncoderLoss: '先验匹配损失（编码器）',
      priorDiscriminatorLoss: '先验匹配损失（判别器）',
    },
  },
  sla: {
    label: 'SLA + SD',
    summary: '每张有标签图像取 4 个旋转；一个分类器覆盖所有（类别，旋转）组合；测试时 4 个旋转投票（聚合），蒸馏头只需一次前向即可做到。',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      slaLoss: 'SLA 损失',
      sdLoss: 'SD 损失',
      jointAccuracy: '联合准确率',
    },
    testAccuracies: {
      'SLA single': 'SLA 单次',
      'SLA aggregated': 'SLA 聚合',
      'SLA+SD': 'SLA+SD',
    },
  },
  s4l: {
    label: 'S4L（旋转 / 范例）',
    summary: '半监督：在一小部分有标签图像上计算交叉熵，并在所有图像上加一个自监督损失（旋转预测或范例三元组）。',
    similarityNote: '旋转：通用探针（同一训练图像的两个增强视图 vs 不同图像，编码器输出 h）。范例：同一图像各视图之间 vs 不同图像视图之间的余弦相似度（三元组嵌入）。',
    metrics: {
      classLoss: '分类损失',
      selfSupLoss: '自监督损失',
      selfSupAccuracy: '自监督准确率',
    },
    testAccuracies: {
      'class head': '分类头',
    },
  },
  supervised: {
    label: '监督学习（基线）',
    summary: '在有标签图像上用交叉熵训练，编码器和数据增强与自监督方法相同：所有方法都与它比较的参照。',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      trainAccuracy: '训练准确率',
    },
    testAccuracies: {
      classifier: '分类器',
    },
  },
  tcn: {
    label: '时间对比网络（TCN）',
    summary: '不同相机在同一时刻拍到的帧应嵌入得相近；同一相机在其他时刻的帧应相距很远（三元组损失）。学到的是随时间变化的内容，而不是相机看到的视角。',
    similarityNote: 'pos：锚点与正样本嵌入的余弦相似度（同一时刻的另一视角，或相邻帧）；neg：锚点与负样本（同一视角的另一时刻）。',
    metrics: {
      tripletAccuracy: '三元组准确率',
      activeTriplets: '活跃三元组（比例）',
    },
    heldOutScores: {
      'alignment error': {
        label: '对齐误差',
        help: '对一个留出视角的每一帧，在嵌入空间中找另一视角中最近的帧：所有视角对上 |t_nn - t| / 长度 的平均值（0 = 完全对齐）。',
      },
    },
  },
  'wang-gupta': {
    label: 'Wang & Gupta 跟踪 + 排序',
    summary: '用帧差找到运动的图像块，并在视频中跟踪；一条轨迹的首尾图像块在嵌入空间中应比它们与其他视频图像块更接近（排序损失，难负样本）。',
    similarityNote: 'pos：轨迹首尾图像块的余弦相似度；neg：首个图像块与选出的其他视频图像块（难样本和随机样本）的余弦相似度。',
    metrics: {
      rankingAccuracy: '排序准确率',
    },
    heldOutScores: {
      'ranking accuracy': {
        label: '排序准确率',
        help: '留出视频中的轨迹：轨迹的末尾图像块比另一留出视频的图像块更接近其首个图像块的频率（随机水平 50%）。',
      },
    },
  },
  'shuffle-learn': {
    label: 'Shuffle and Learn（打乱与学习）',
    summary: '从高运动窗口中取三帧，经过同一个共享编码器；拼接特征上的分类器判断它们是否符合时间顺序（b,c,d 或 d,c,b），还是不符合（b,a,d 或 b,e,d）。',
    similarityNote: '通用探针：同一训练帧的两个增强视图（pos）与不同帧（neg）相比，在编码器输出 h 上计算。',
    metrics: {
      orderAccuracy: '顺序准确率',
    },
    heldOutScores: {
      'order accuracy': {
        label: '顺序准确率',
        help: '在留出视频的三帧组上做顺序验证，其中一半顺序正确（随机水平 50%）。',
      },
    },
  },
  inpainting: {
    label: '上下文编码器（图像修复）',
    summary: '把每张图像的一块方形区域填成平均颜色；编码器读取其余部分，一个小解码器把缺失的方块画回来；L2 损失只计算空洞。（不包含论文的对抗项。）',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      holeLoss: '空洞 MSE',
      contextLoss: '空洞之外的 MSE（不参与训练）',
    },
    heldOutScores: {
      'hole MSE': {
        label: '空洞 MSE',
        help: '留出图像空洞内的均方误差（像素在 [0, 1] 内）；参考值是把训练集的平均图像（每个像素的平均颜色）当作预测。',
      },
    },
  },
  colorization: {
    label: '上色（Colorization）',
    summary: '编码器只看到每张图像的亮度 L（Lab 颜色空间）；解码器以减半的分辨率预测每个像素的颜色 ab，作为量化的色域内 ab 分箱上的分类，稀有颜色权重更高。',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      binAccuracy: 'ab 分箱准确率（训练像素）',
    },
    heldOutScores: {
      'bin accuracy': {
        label: '分箱准确率',
        help: '留出图像中预测的 ab 分箱（可能性最大的那个）等于真实分箱的像素比例；参考值是总是预测训练集最常见的分箱。详情行给出退火均值的平均 ab 误差，以及训练集平均 ab 的误差。',
      },
    },
  },
  rotnet: {
    label: 'RotNet（旋转预测）',
    summary: '每张图像分别旋转 0、90、180 和 270 度；编码器上的一个 4 类头判断它看到的是哪种旋转。要分清上下，编码器必须认出图中是什么。',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      rotationAccuracy: '旋转准确率（训练批次）',
    },
    heldOutScores: {
      'rotation accuracy': {
        label: '旋转准确率',
        help: '旋转头在留出图像上的准确率，每张图像取全部四种旋转（随机水平 25%）。',
      },
    },
  },
  jigsaw: {
    label: '拼图（Jigsaw）',
    summary: '把每张图像切成带间隙的 3 x 3 图块网格，用 P 个固定排列之一打乱图块；同一个共享编码器读取每个图块，分类器根据它们的特征判断是哪一个排列。',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      puzzleAccuracy: '排列准确率（训练批次）',
    },
    heldOutScores: {
      'permutation accuracy': {
        label: '排列准确率',
        help: '排列分类器在留出图像拼图上的准确率（每张图像一个固定的排列和偏移，P 个排列依次使用；随机水平 1/P）。',
      },
    },
  },
  'relative-position': {
    label: '相对图块位置',
    summary: '带间隙的 3 x 3 网格的中心图块和它的 8 个邻居之一通过同一个共享编码器；分类器根据两者拼接的特征判断邻居的位置（左上、上……右下）。',
    similarityNote: UNIVERSAL_PROBE,
    metrics: {
      positionAccuracy: '位置准确率（训练批次）',
    },
    heldOutScores: {
      'position accuracy': {
        label: '位置准确率',
        help: '8 类分类器在留出图像上的准确率，每张图像取中心图块的全部 8 个邻居（固定偏移；随机水平 1/8）。',
      },
    },
  },
};

const CROP_AND_FLIP_ONLY = '0（仅裁剪和翻转）';

const params: CatalogTree = {
  shared: {
    batchSize: { label: '批大小（图像数）', help: '每步的图像数；每张图像生成两个视图。' },
    learningRate: { label: '学习率', paper: '0.1，在第 30、60、80 个 epoch 各降为 1/5（SGD）' },
    optimizer: { label: '优化器', help: 'SGD 使用 0.9 的动量。', paper: 'SGD，动量 0.9，权重衰减 5e-4' },
    lrSchedule: {
      label: '学习率调度',
      help: '余弦：学习率在预热期内从 0 线性上升，然后沿半个余弦曲线在最后一步降到 0（SimCLR、MoCo v2）。恒定：每一步使用相同的学习率。',
    },
    warmupPercent: {
      label: '预热（占总步数的 %）',
      help: '使用余弦调度时：训练开始的一段步数（按占全程的比例），学习率在其中从 0 升到设定的学习率。',
    },
    width: {
      label: '编码器宽度（第一阶段的通道数）',
      help: 'ResNet 风格：3 个阶段，通道数分别为宽度的 1 倍、2 倍和 4 倍；表征 h 的维度是宽度的 4 倍。',
    },
    norm: {
      label: '编码器中的归一化',
      help: '组归一化不使用批统计量，因此同一批的样本之间不会泄漏信息（这对单设备上的 MoCo 很重要）；每层分多少组见下一项设置。无：卷积层改用偏置。',
    },
    normGroups: {
      label: '组归一化：每层组数（上限）',
      help: '每层把通道分成不超过此值、且能整除通道数的最大组数，并对每张图像的每组单独归一化。1 即层归一化（一组）；不小于通道数即实例归一化（每个通道单独归一化：一种强先验，忽略每张图像各通道的颜色和对比度，这正是颜色抖动所要求的）；默认值 64 在宽度不超过 16 时各阶段都是实例归一化；8（以前的规则）在宽度 8 时只让第一阶段成为实例归一化。',
    },
    headHidden: { label: '投影头隐藏单元数' },
    projectionDim: { label: '投影维度（z）', paper: '64' },
    cropScaleMin: { label: '随机缩放裁剪：最小面积' },
    flipProb: { label: '水平翻转概率', paper: '0.5' },
    jitterProb: { label: '颜色抖动概率' },
    jitterStrength: { label: '颜色抖动强度', help: '亮度、对比度、饱和度为 0.8s；色调为 0.2s。' },
    grayscaleProb: { label: '随机灰度概率', paper: '0.2' },
    blurProb: { label: '高斯模糊概率' },
    blurSigmaMax: { label: '高斯模糊：最大 sigma（px）' },
    version: {
      label: 'MoCo 版本',
      help: 'v2：MLP 头；选择它会设定 T = 0.2（论文还在 224 px 下以 p = 0.5 做模糊；这里默认关闭模糊，因为在 32 px 下它降低了准确率）。v1：线性头；选择它会设定 T = 0.07 且不模糊。',
    },
    queueSize: { label: '队列大小 K（负样本）', paper: '65536（ImageNet），4096（CIFAR 演示）' },
    momentum: { label: '动量编码器的动量 m', paper: '0.999（短训练用 0.99）' },
    patchStride: { label: '图像块步幅（px，小于块大小时相互重叠）', paper: '32 px（7 x 7 网格）' },
    predictSteps: { label: '向下预测的行数（K）', paper: '最多 5 行' },
    contextDim: { label: '上下文网络通道数' },
    estimator: {
      label: '互信息估计器',
      help: 'JSD（softplus 形式，论文默认）、InfoNCE 或 Donsker-Varadhan。',
      paper: 'JSD（JS 散度）',
    },
    scaledScores: {
      label: '得分除以其维度的平方根',
      help: '每个得分 T = g . l / sqrt(D)，D 为嵌入维度，与注意力机制缩放点积的做法相同：得分从 ±1 附近开始。原始点积从 10–20 开始，InfoNCE 和 DV 的指数项要花掉短训练的大部分时间把它们缩小。',
    },
    alpha: { label: '全局目标权重 alpha', paper: '0 对应 DIM(L)，1 对应 DIM(G)' },
    beta: { label: '局部目标权重 beta', paper: '1.0' },
    gamma: { label: '先验匹配权重 gamma（0 = 关闭）', paper: '0.1（README 示例）' },
    priorLearningRate: {
      label: '先验判别器学习率',
      help: '它有自己的 Adam 优化器：判别器与编码器对抗训练，从不由编码器的优化器更新。',
    },
    selfDistillation: {
      label: '自蒸馏（SD 头）',
      help: '未旋转图像上的 C 路分类头从聚合预测中学习（KL 散度，教师不回传梯度），另加交叉熵。',
    },
    sdTemperature: {
      label: '蒸馏温度 T',
      help: 'softmax(教师 / T) 与 softmax(学生 / T) 之间的 KL 散度，乘以 T^2。',
    },
    labelledPercent: {
      label: '有标签训练图像（%）',
      help: '固定的按类别分层抽取的子集（每类至少一张图像）；同一百分比在每种方法中给出相同的图像。',
      paper: 'ImageNet 的 1% 或 10%',
    },
    labelledBatch: {
      label: '每步有标签图像数',
      help: '从有标签子集中抽取；另有“批大小”张图像从全部训练图像中抽取（视为无标签）。',
    },
    selfSupWeight: { label: '自监督损失权重 w', paper: '1.0（旋转）' },
    exemplarViews: { label: '范例：每张图像的视图数' },
    embeddingDim: { label: '嵌入维度', paper: '32' },
    loss: {
      label: '损失（多视角）',
      help: '三元组：每个三元组计算 max(0, d(a, p) - d(a, n) + margin)。N 对：对批内所有正样本和锚点自己的负样本做 softmax，以真正的正样本为目标（InfoNCE），因此每个锚点同时被推离许多帧。单视角始终使用三元组损失。',
      paper: '三元组（官方代码中也有 N 对）',
    },
    temperature: { help: 'N 对 softmax 中的余弦相似度除以此值。' },
    negativeGap: { label: '多视角：负样本至少相隔的帧数', help: '负样本是锚点自身视角在另一时间步的帧。' },
    positiveRadius: { label: '单视角：正样本范围（帧）', paper: '29 fps 下 6 帧' },
    negativeRadius: { label: '单视角：负样本距离下限（帧）', paper: '29 fps 下 12 帧' },
    hardNegatives: {
      label: '每条轨迹的难负样本数',
      help: '批内其他视频中与首个图像块最相似的图像块，在梯度之外选出。',
      paper: '4 个中的 2 个（一半为难样本）',
    },
    randomNegatives: { label: '每条轨迹的随机负样本数', paper: '4 个中的 2 个' },
    trackLength: { label: '轨迹长度（帧）', help: '较短的视频片段在其全长上跟踪。', paper: '30 帧' },
    searchRadius: { label: '跟踪器搜索半径（每帧 px）' },
    minNcc: {
      label: '跟踪器：相关性低于此值即丢失',
      help: '图像块与上一帧图像块的归一化互相关；低于此值的轨迹被丢弃。',
    },
    tracksPerClip: { label: '每个视频起始的轨迹数' },
    positiveFraction: { label: '顺序正确的帧组比例', paper: '25%' },
    window: { label: '窗口 a..e 最多跨越（帧）', help: '五帧 a<b<c<d<e 在同一个窗口内抽取。' },
    motionQuantile: {
      label: '运动过滤：只取高于此分位数的窗口',
      help: '只采样帧差运动量位于前列的窗口；静止的帧无法排序。',
    },
    minGap: {
      label: '负样本：异位帧至少在 b..d 之外多少帧',
      help: 'b - a 和 e - d 至少为此值：间隔更小时，负样本中的异位帧与 b 或 d 几乎是同一张图像。窗口须容纳 5 + 2 (gap - 1) 帧。',
      paper: 'tau_min = min(|a - b|, |d - e|) = 15 帧（30 fps）',
    },
    frameFeatures: {
      label: '分类器读取',
      help: '特征图：每帧的最后一层特征图（编码器池化之前），经过一个共享层，就像论文的 fc7 保留了物体所在的位置。h：池化后的表征，形状在固定背景上移动时它几乎不变，因此其中几乎看不出顺序。',
    },
    frameDim: { label: '每帧特征数（特征图）', help: '每帧特征图上共享层的单元数（配合“分类器读取：特征图”）。' },
    tupleNorm: {
      label: '分类器之前',
      help: '中心化：从帧组的三个特征向量中各减去它们的均值，并把帧组缩放到单位 RMS，使分类器看到各帧的差异而非共同点。无：直接使用原始拼接。',
    },
    classifierHidden: { label: '分类器隐藏单元数', help: '拼接后的图块特征之上、logits 之前的那一层。', paper: '4096（fc7 层）' },
    maskShape: {
      label: '去掉的区域',
      help: '中央：每张图像相同的居中方块。随机：大小相同的方块，在每张图像中位置随机。',
      paper: '中央方块（随机块和随机区域为变体）',
    },
    maskSize: {
      label: '空洞边长（占图像边长的比例）',
      help: '编码器看到图像之前，空洞先填成训练集的平均颜色。',
      paper: '0.5（128 px 中的 64 px）',
    },
    overlapPx: {
      label: '损失中的上下文带（空洞周围的像素数）',
      help: '空洞周围一圈可见像素，损失也计入它们，权重为下一项设置（论文预测比空洞略大的区域，使填补与边界衔接）。0：损失只计算空洞。',
      paper: '128 px 时 4 px，权重 10',
    },
    overlapWeight: { label: '上下文带的权重', paper: '10' },
    target: {
      label: 'ab 的预测方式',
      help: '分类：每个像素从色域内 ab 分箱中选一个（交叉熵，重平衡）。回归：每个像素直接预测 a 和 b（L2），结果会趋向偏灰的平均色。',
      paper: '分类（313 个 ab 分箱，类别重平衡）；回归为较弱的基线',
    },
    binSize: {
      label: 'ab 分箱大小（网格边长，ab 单位）',
      help: 'ab 在 [-110, 110] 上方形网格中的色域内格子：边长 20 约有 80 个分箱。',
      paper: '10（313 个色域内分箱）',
    },
    rebalanceLambda: {
      label: '类别重平衡：均匀混合系数 lambda',
      help: '每个分箱的权重为 1 / ((1 - lambda) p + lambda / Q)，p 为训练集上经平滑（sigma 5）的分箱频率；1：不重平衡。',
      paper: '0.5',
    },
    annealTemperature: {
      label: '退火均值温度 T',
      help: '显示和评分的颜色：softmax(z / T) 下各分箱 ab 的均值（T = 1：均值，T -> 0：众数）。',
      paper: '0.38',
    },
    decoderHidden: {
      label: '解码器通道数（第一个上采样阶段）',
      help: '从编码器最后一层特征图回到图像的两个阶段：最近邻上采样加 3x3 卷积；第二个阶段的通道数减半。',
    },
    permutations: { label: '排列数 P（类别数）', help: '一个固定集合，用贪心法选取，使任意两个排列中放错位置的图块尽可能多（最大汉明距离）。', paper: '1000（共 9! = 362880 种）' },
    gap: {
      label: '间隙：每个格子中图块留出的像素数',
      help: '图像被切成 3 x 3 个格子；每个图块是格子减去这么多像素，位于格子内的随机位置（偏移），因此相邻图块相距 0 到两倍于此，而且不在一条线上：边缘无法对齐。32 px 图像：10 px 格子，8 px 图块。',
    },
    tileJitterProb: { label: '逐图块颜色抖动概率', help: '每个图块有各自的亮度、对比度、饱和度和色调，因此颜色无法在图块之间匹配。' },
    tileJitterStrength: { label: '逐图块颜色抖动强度' },
    tileGrayProb: { label: '逐图块灰度概率', help: '每个图块以此概率各自变成灰度：指向图像中心的彩色边纹（色差）就从中消失了。' },
    tileDim: { label: '每个图块的特征数', help: '每个图块最后一层特征图上共享层的单元数。' },
  },
  tcn: {
    batchSize: { label: '批大小（三元组数）', help: '每步的三元组数：锚点帧、正样本帧和负样本帧（每组 3 帧）。' },
    temperature: { label: 'N 对温度' },
    variant: {
      label: '变体',
      help: '多视角：正样本 = 同一时间步的另一台相机（需要同步的视角）。单视角：正样本 = 同一视频中相邻的帧。',
    },
    margin: { label: '三元组间隔', help: '作用于 L2 归一化嵌入之间的平方距离。', paper: '0.2' },
  },
  'wang-gupta': {
    batchSize: { label: '批大小（轨迹数）', help: '每步的轨迹数：每条轨迹的首尾图像块，加上来自其他视频的负样本。' },
    patchSize: { label: '跟踪图像块大小（px）', paper: '从跟踪框中裁出的 227 px 图像' },
    margin: { label: '排序间隔 M', help: 'max(0, D(x, x+) - D(x, x-) + M)，其中 D = 1 - 余弦相似度。', paper: '0.5（官方代码：1）' },
  },
  'shuffle-learn': {
    batchSize: { label: '批大小（帧组数）', help: '每步的帧组数，每组三帧。' },
  },
  inpainting: {
    batchSize: { help: '每步的图像数，每张有一个待填补的空洞。' },
  },
  colorization: {
    batchSize: { help: '每步的图像数，编码器只看到每张图像的亮度 L。' },
  },
  dim: {
    headHidden: { label: '判别器隐藏单元数' },
    projectionDim: { label: '全局特征 y 与判别器嵌入维度' },
  },
  simclr: {
    cropScaleMin: { paper: '0.08' },
    jitterProb: { paper: '0.8' },
    jitterStrength: { paper: '0.5（CIFAR 数据集），1.0（ImageNet）' },
    blurProb: { paper: '0.5（仅 ImageNet）' },
    blurSigmaMax: { paper: '224 px 时为 2.0（核为图像的 10%）' },
    temperature: { label: 'NT-Xent 温度', paper: '0.5（CIFAR-10），0.1（ImageNet，批大小 4096）' },
  },
  moco: {
    cropScaleMin: { paper: '0.2' },
    jitterProb: { paper: '0.8（v2）' },
    jitterStrength: { paper: '0.5：亮度、对比度、饱和度 0.4，色调 0.1（v2）' },
    blurProb: { paper: '0.5（v2），0（v1）' },
    blurSigmaMax: { paper: '224 px 时为 2.0（v2）' },
    temperature: { label: 'InfoNCE 温度', paper: 'v1 0.07，v2 0.2，CIFAR 演示 0.1' },
  },
  sla: {
    jitterProb: { paper: CROP_AND_FLIP_ONLY },
    grayscaleProb: { paper: CROP_AND_FLIP_ONLY },
    blurProb: { paper: CROP_AND_FLIP_ONLY },
  },
  rotnet: {
    batchSize: { help: '每步的图像数；每张图像以全部四种旋转通过编码器。', paper: '128 张图像（CIFAR-10），每张取全部 4 种旋转' },
    flipProb: { paper: '0.5（随机裁剪和翻转，CIFAR）' },
    jitterProb: { paper: '0（仅随机裁剪和翻转）' },
    grayscaleProb: { paper: '0（仅随机裁剪和翻转）' },
    blurProb: { paper: '0（仅随机裁剪和翻转）' },
  },
  jigsaw: {
    batchSize: { label: '批大小（拼图数）', help: '每步的图像数；每张切成 9 个图块，并用 P 个排列之一打乱。', paper: '256 个拼图（SGD，学习率 0.01）' },
    cropScaleMin: { paper: '从 256 px 图像中裁剪 225 px' },
    jitterProb: { paper: '0（颜色按图块处理）' },
    gap: { paper: '11 px：64 px 图块位于 75 px 格子内的随机位置' },
    tileJitterProb: { paper: '每个图块各自归一化（均值、标准差）' },
    tileGrayProb: { paper: '灰度图像，颜色通道最多错开 2 px' },
    tileDim: { paper: '512（fc6 层）' },
  },
  'relative-position': {
    batchSize: { label: '批大小（图块对数）', help: '每步的图像数；每张给出中心图块和它的 8 个邻居之一。' },
    jitterProb: { paper: '0（颜色按图块处理）' },
    gap: { paper: '96 px 图块之间相隔 48 px（半个图块），每块最多偏移 7 px' },
    tileJitterProb: { paper: '无：改为投影去掉颜色或丢弃通道' },
    tileGrayProb: { paper: '颜色丢弃：3 个通道中的 2 个换成噪声' },
    tileDim: { paper: '4096（fc6 层）' },
  },
  cpc: {
    patchSize: { label: '图像块大小（px）', paper: '256 px 图像上取 64 px' },
  },
  s4l: {
    variant: {
      label: '自监督任务',
      help: '旋转：对每张图像做 4 类旋转预测。范例：每张图像多个视图，在 L2 归一化嵌入上使用批内最难三元组损失（软间隔）。',
    },
  },
};

const options: CatalogTree = {
  optimizer: { adam: 'Adam', sgd: 'SGD' },
  lrSchedule: { cosine: '余弦', constant: '恒定' },
  norm: { group: '组归一化', none: '无' },
  version: { v2: 'v2', v1: 'v1' },
  estimator: { jsd: 'JSD（JS 散度）', infonce: 'InfoNCE', dv: 'DV（Donsker-Varadhan 下界）' },
  variant: { rotation: '旋转', exemplar: '范例', 'multi-view': '多视角', 'single-view': '单视角' },
  loss: { npairs: 'N 对', triplet: '三元组' },
  frameFeatures: { map: '特征图', h: 'h' },
  tupleNorm: { center: '中心化', none: '无' },
  maskShape: { central: '中央', random: '随机' },
  target: { classes: '分类', regression: '回归' },
};

const datasets: CatalogTree = {
  shapes: {
    name: '彩色形状（6 类，32 px）',
    description: '由种子生成的 6000 张训练图像 / 1200 张留出图像；类别是形状（正立）；颜色、大小、位置和背景是干扰因素，也正是数据增强所改变的东西。',
  },
  'fashion-mnist': {
    name: 'Fashion-MNIST 子集（10 类，28 px）',
    description: '10000 张训练图像 / 2000 张留出图像，取自 Debian 的 dataset-fashion-mnist 数据集包（MIT 许可证）。',
  },
  'moving-shapes': {
    name: '运动形状视频（6 类，32 px）',
    description: '60 段视频，每段 40 帧，10 fps：每段中一个图形在带纹理的背景上移动、弹跳和翻转；类别就是这个图形。其中 12 段视频（每类 2 段）整段留出用于评估；图像方法在其余视频的帧上训练。',
  },
  turntable: {
    name: '多视角转台（3 台相机，32 px）',
    description: '6 个场景（机械臂、风车、立方体，各 2 个），由 3 台同步相机拍摄，48 个时间步，10 fps；每个视角的第 i 帧即第 i 个时间步。',
  },
};

const presets: CatalogTree = {
  'simclr-augmentations': {
    title: 'SimCLR 数据增强消融',
    finding: 'SimCLR（Chen 等，2020，图 5）：只用裁剪或只用颜色变换，得到的特征都很弱；裁剪加颜色抖动要好得多，因为只用裁剪时，视图可以靠颜色直方图匹配。比较 kNN 与线性评估曲线。',
  },
  'simclr-temperature': {
    title: 'SimCLR 温度扫描',
    finding: 'SimCLR（表 5）：NT-Xent 的温度很重要；在线性评估中 0.1–0.5 优于 1.0（嵌入经 L2 归一化）。比较最终准确率，以及正样本与负样本相似度拉开的程度。',
  },
  'moco-queue': {
    title: 'MoCo 队列大小',
    finding: 'MoCo（He 等，2020，图 3）：队列中的负样本越多（K 从 256 到 65536），线性评估准确率越高。这里 K = 64、256 和 2048 个键（队列在 K / 批大小 步之后填满）。',
  },
  'supervised-vs-sla': {
    title: '监督学习对照 SLA+SD',
    finding: 'SLA（Lee 等，2020）：在联合（类别，旋转）标签上训练并做聚合推断，胜过在相同标签上的普通监督训练。比较各分类头的测试准确率（细线）和探针。',
  },
};

export const content: CatalogTree = { methods, params, options, datasets, presets };
