/**
 * Finds user-visible English written straight into UI source instead of coming from the
 * catalogs: JSX text, string (and template) literals in JSX children and in the attributes a user
 * sees or hears (aria-label, title, placeholder, alt, label), and literals given to object
 * fields named like UI text (label, title, caption, message, ...). Technical words (method and
 * backend names, units) are allowed on their own: see TECHNICAL.
 */
import { parse } from '@babel/parser';

export interface Untranslated { line: number; text: string }

const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const TEXT_FIELDS = new Set(['label', 'title', 'caption', 'message', 'text', 'description', 'summary', 'help', 'hint', 'heading', 'tooltip', 'placeholder', 'ariaLabel']);

/** Words that read the same in every language here: names, units, formats. */
export const TECHNICAL = new Set([
  'Pretext', 'SimCLR', 'MoCo', 'CPC', 'DIM', 'InfoMax', 'SLA', 'SD', 'S4L', 'TCN', 'NT-Xent', 'InfoNCE', 'kNN', 't-SNE', 'PCA', 'UMAP',
  'WebGPU', 'WebGL', 'webgpu', 'webgl', 'wasm', 'cpu', 'gpu', 'GPU', 'CPU', 'auto', 'ms', 'MB', 'KB', 'GB', 'px', 'fps', 'JSON', 'CSV', 'PNG', 'URL',
  'ONNX', 'PyTorch', 'EMA', 'ResNet', 'Adam', 'SGD', 'Fashion-MNIST', 'MNIST', 'CIFAR-10', 'ImageNet', 'arXiv', 'h', 'z', 'x', 'y', 'pos', 'neg', 'lr', 'T', 'N', 'K',
  'English', 'ok', 'OK', 'vs', 'min', 's',
]);

/** Whether a literal has words a reader must understand (beyond TECHNICAL tokens and symbols). */
export function hasWords(s: string): boolean {
  const words = s.replace(/\{\{[^}]*\}\}/g, ' ').match(/[A-Za-z][A-Za-z0-9'-]*/g) ?? [];
  return words.some((w) => !TECHNICAL.has(w) && !TECHNICAL.has(w.replace(/[-']+$/, '')) && /[A-Za-z]{2,}/.test(w));
}

type Node = { type: string; loc?: { start: { line: number } } | null; [k: string]: unknown };

function walk(node: unknown, parent: Node | null, visit: (n: Node, parent: Node | null) => void): void {
  if (Array.isArray(node)) { for (const n of node) walk(n, parent, visit); return; }
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  const n = node as Node;
  visit(n, parent);
  for (const [k, v] of Object.entries(n)) {
    if (k === 'loc' || k === 'start' || k === 'end' || k === 'extra' || k === 'comments' || k === 'leadingComments' || k === 'trailingComments') continue;
    if (v && typeof v === 'object') walk(v, n, visit);
  }
}

const literalText = (n: Node): string | null => {
  if (n.type === 'StringLiteral') return n.value as string;
  if (n.type === 'TemplateLiteral') return (n.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join('{{}}');
  return null;
};

/** A literal that the user would see, given where it sits. */
function visibleLiteral(n: Node, parent: Node | null, parentOf: (n: Node) => Node | null): boolean {
  if (!parent) return false;
  const attributeVisible = (a: Node) => VISIBLE_ATTRIBUTES.has(String((a.name as Node).name));
  // <b>{'text'}</b>, <b>{`text ${x}`}</b>, <b>{ok ? 'yes' : 'no'}</b>, <b>{x && 'text'}</b>, and the same in an attribute
  const container = parent.type === 'ConditionalExpression' || parent.type === 'LogicalExpression' ? parentOf(parent) : parent;
  if (container?.type === 'JSXExpressionContainer') {
    const holder = parentOf(container);
    return holder?.type === 'JSXAttribute' ? attributeVisible(holder) : true;
  }
  if (parent.type === 'JSXAttribute') return attributeVisible(parent);
  if (parent.type === 'ObjectProperty' && parent.value === n) {
    const key = parent.key as Node;
    const name = key.type === 'Identifier' ? String(key.name) : key.type === 'StringLiteral' ? String(key.value) : '';
    return TEXT_FIELDS.has(name);
  }
  return false;
}

/** Untranslated user-visible English in one UI source file. */
export function findUntranslated(source: string, fileName = 'file.tsx'): Untranslated[] {
  const ast = parse(source, { sourceType: 'module', plugins: fileName.endsWith('.tsx') ? ['jsx', 'typescript'] : ['typescript'] });
  const out: Untranslated[] = [];
  const parents = new Map<Node, Node | null>();
  walk(ast.program, null, (n, parent) => {
    parents.set(n, parent);
    const line = n.loc?.start.line ?? 0;
    if (n.type === 'JSXText') {
      const s = String(n.value).trim();
      if (hasWords(s)) out.push({ line, text: s });
      return;
    }
    const s = literalText(n);
    if (s === null || !hasWords(s)) return;
    // t('key') and friends: the argument is a key, not text.
    if (parent?.type === 'CallExpression') return;
    if (visibleLiteral(n, parent, (x) => parents.get(x) ?? null)) out.push({ line, text: s });
  });
  return out;
}
