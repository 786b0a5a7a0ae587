import type { Translation } from '../types';
import type { history as en } from '../en/history';

/** 简体中文：history（与英文目录逐键对应）。 */
export const history: Translation<typeof en> = {
  panel: {
    aria: '运行历史',
    title: '历史',
    intro: '每个完成的运行都保存在本浏览器中（配置、指标、最终嵌入、训练好的编码器），不会上传任何内容。',
    reading: '正在读取历史…',
    readingAria: '正在读取历史',
    empty: '还没有保存的运行。',
  },
  storage: {
    unknown: '此浏览器不报告其存储用量。',
    line: '存储：已用 {{used}}，共 {{quota}}（{{percent}}）：历史 {{history}}，检查点 {{checkpoints}}。',
    checkpointsUnknown: '未知',
    aria: '浏览器存储用量',
    mb: '{{mb}} MB',
  },
  table: {
    name: '名称',
    when: '时间',
    method: '方法',
    dataset: '数据集',
    steps: '步数',
    scores: 'kNN / 线性评估',
    size: '大小',
    actions: '操作',
    renameAria: '重命名 {{name}}',
    imported: '导入（{{method}}）',
    stepsCell: '{{steps}}（{{status}}）',
    show: '显示',
    open: '在比较中打开',
    evaluate: '在 {{datasetName}} 上评估编码器',
    evaluateTitle: '用 kNN 和线性评估在 {{datasetName}}（设置面板中选择的数据集）上为此运行冻结的编码器打分',
    delete: '删除',
    confirmDelete: '从历史中删除“{{name}}”？此操作无法撤销。',
  },
  import: {
    aria: '导入编码器',
    title: '评估导出的编码器',
    help: '选择模型 .json 及其 .weights.bin（来自某次运行的“Model”导出）。其冻结特征将在设置面板所选的数据集上用 kNN 和线性评估打分。',
    choose: '选择模型文件…',
    bothFiles: '请选择导出编码器的两个文件：.json 和 .weights.bin（收到的是：{{files}}）。',
    nothing: '无',
    fileError: '{{file}}：{{error}}',
    description: '{{method}}，宽度 {{width}}，在 {{datasetName}} 上训练 {{steps}} 步',
    runName: '导入的 {{file}}，评估于 {{datasetName}}',
    evaluating: '正在 {{datasetName}} 上评估 {{file}}（{{description}}）。',
  },
  status: {
    saving: '正在保存到历史…',
    saved: '已保存到历史',
    deleted: '已从历史中删除',
    opened: '从历史中打开',
  },
  save: {
    quota: '未保存到历史：此运行需要 {{needed, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB，而浏览器存储已用 {{percent}}%（{{usage, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} / {{quota, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB）。请删除旧的运行或导入的数据集以腾出空间；在重新加载页面之前，此运行仍会显示在屏幕上。',
    full: '未保存到历史：写入此运行（{{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB）时浏览器存储空间不足。请删除旧的运行或导入的数据集以腾出空间；在重新加载页面之前，此运行仍会显示在屏幕上。',
    failed: '未保存到历史。{{detail}}',
  },
  errors: {
    gone: '该运行已不在历史中（是否在另一个标签页中删除了？）。',
    noEncoder: '历史中没有“{{name}}”训练好的编码器（它没有训练任何步数、保存于保留权重之前，或未能存储权重）。',
    emptyName: '名称不能为空',
    noRun: '历史中没有 id 为“{{id}}”的运行（可能已在另一个标签页中删除）',
  },
  evaluate: {
    description: '{{name}}：{{method}}，宽度 {{width}}，在 {{datasetName}} 上训练 {{steps}} 步',
    unknownMethod: '未知方法',
    runName: '{{name}}，评估于 {{datasetName}}',
  },
};
