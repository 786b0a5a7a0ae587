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

export const content: CatalogTree = { methods, params: {}, options, datasets, presets };
