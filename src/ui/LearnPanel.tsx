/** The Learn tab: what each method does, its loss, a live batch, what to watch, its paper. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLAPSE_SPREAD } from '../eval/geometry';
import { datasetName, methodLabel } from '../i18n/content';
import { formatNumber } from '../i18n/format';
import { useText } from '../i18n/render';
import { METHOD_GROUPS, METHOD_SPECS, isMethodId, methodsInGroup, type MethodId } from '../methods/catalog';
import { datasetProblem } from '../methods/requirements';
import { useDataStore } from '../store/dataStore';
import { useAppStore } from '../store/runStore';
import { draftDatasetTraits } from './draftDatasetTraits';
import { ImageStrip } from './ImageStrip';

/** The article's sections that name the methods (../shared/seed/000_7dcaf3884724f24b.txt, part 二). */
export type ArticleSection = 'context' | 'temporal' | 'contrastive';

/**
 * What the Learn tab shows of one method beside its catalog texts. The formula and the symbols
 * are mathematics, the same in every language; what each symbol means is in the catalog
 * (learn.methods.<id>.symbols.<key>). Each formula is the loss the method's code computes
 * (src/losses/, src/methods/<id>.ts).
 */
export interface MethodLearn {
  formula: string;
  /** [the symbol as written in the formula, its catalog key]. */
  symbols: readonly (readonly [symbol: string, key: string])[];
  /** Bullets under "what to watch": a key of the method's own (learn.methods.<id>.watch.<key>) or 'shared.<key>' (learn.watch.<key>). */
  watch: readonly string[];
  /**
   * The article's section and the number of its paper there (paper null: a pretext its overview,
   * section 1.1, names without a paper of its own); null: not in the article.
   */
  article: { section: ArticleSection; paper: number | null } | null;
}

const CONTRASTIVE_WATCH = ['pairs', 'metrics', 'shared.probe', 'shared.collapse'] as const;

export const LEARN_METHODS: Readonly<Record<MethodId, MethodLearn>> = {
  simclr: {
    formula: [
      'L = 1/(2N) · Σ_{i=1…2N} ℓ(i, p(i))',
      'ℓ(i, j) = −log [ exp(sim(zᵢ, zⱼ)/τ) / Σ_{k=1…2N, k≠i} exp(sim(zᵢ, zₖ)/τ) ]',
      'sim(u, v) = uᵀv / (‖u‖ ‖v‖)',
    ].join('\n'),
    symbols: [['zᵢ = g(f(xᵢ))', 'z'], ['p(i)', 'partner'], ['sim(u, v)', 'sim'], ['τ', 'tau'], ['N', 'n']],
    watch: CONTRASTIVE_WATCH,
    article: { section: 'contrastive', paper: 9 },
  },
  moco: {
    formula: [
      'L = −1/N · Σᵢ log [ exp(qᵢ·k₊ᵢ/τ) / ( exp(qᵢ·k₊ᵢ/τ) + Σ_{j=1…K} exp(qᵢ·kⱼ/τ) ) ]',
      'θ_k ← m·θ_k + (1 − m)·θ_q',
    ].join('\n'),
    symbols: [['qᵢ', 'q'], ['k₊ᵢ', 'kplus'], ['kⱼ', 'kj'], ['τ', 'tau'], ['m', 'm']],
    watch: CONTRASTIVE_WATCH,
    article: { section: 'contrastive', paper: 8 },
  },
  cpc: {
    formula: [
      'ẑ_{n,r+k,c} = W_k · c_{n,r,c}      k = 1…K',
      'L = −1/|P| · Σ_{(n,r,c,k)∈P} log [ exp(ẑ_{n,r+k,c} · z_{n,r+k,c}) / Σ_{z′∈Z} exp(ẑ_{n,r+k,c} · z′) ]',
    ].join('\n'),
    symbols: [['z_{n,r,c}', 'z'], ['c_{n,r,c}', 'c'], ['W_k', 'w'], ['P', 'p'], ['Z', 'all']],
    watch: CONTRASTIVE_WATCH,
    article: { section: 'contrastive', paper: 7 },
  },
  dim: {
    formula: [
      'u_{i,j,p} = φ(l_{j,p}) · ψ(yᵢ) / √D',
      'JSD:      L_local = E_{i,p}[ sp(−u_{i,i,p}) ] + E_{i≠j,p}[ sp(u_{i,j,p}) ] − 2·log 2',
      'InfoNCE:  L_local = −E_{i,p} log [ e^{u_{i,i,p}} / ( e^{u_{i,i,p}} + Σ_{j≠i,p′} e^{u_{i,j,p′}} ) ]',
      'DV:       L_local = log E_{i≠j,p}[ e^{u_{i,j,p}} ] − E_{i,p}[ u_{i,i,p} ]',
      'L = β·L_local + α·L_global + γ·E[ −log σ(d(σ(y))) ]',
    ].join('\n'),
    symbols: [['u_{i,j,p}', 'u'], ['sp(x)', 'sp'], ['JSD, InfoNCE, DV', 'estimators'], ['L_global', 'global'], ['β, α, γ', 'weights'], ['d', 'prior']],
    watch: CONTRASTIVE_WATCH,
    article: { section: 'contrastive', paper: 6 },
  },
  sla: {
    formula: [
      'L_SLA = −1/(4N) · Σᵢ Σ_{j=0…3} log softmax(z(t_j(xᵢ)))_{(yᵢ, j)}',
      'z̄ᵢ(y) = 1/4 · Σ_{j=0…3} z_{(y, j)}(t_j(xᵢ))',
      'L_SD = T² · KL( softmax(z̄ᵢ/T) ‖ softmax(uᵢ/T) ) + CE(uᵢ, yᵢ)',
      'L = L_SLA + L_SD',
    ].join('\n'),
    symbols: [['t_j', 't'], ['z_{(y, j)}', 'z'], ['z̄ᵢ', 'zbar'], ['uᵢ', 'u'], ['T', 'temp']],
    watch: ['shared.universal', 'metrics', 'heads', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: 1 },
  },
  s4l: {
    formula: [
      'L = 1/|Lab| · Σ_{i∈Lab} CE(c(hᵢ), yᵢ) + w · L_self,     L_self = L_rot or L_ex',
      'L_rot = 1/(4M) · Σ_{i=1…M} Σ_{r=0…3} CE(ρ(h(rot_r(xᵢ))), r)',
      'L_ex  = mean_a softplus( max_{p ~ a} ‖eₐ − e_p‖ − min_{n ≁ a} ‖eₐ − eₙ‖ )',
    ].join('\n'),
    symbols: [['Lab', 'lab'], ['w', 'w'], ['L_rot', 'rot'], ['L_ex', 'ex']],
    watch: ['pairs', 'metrics', 'heads', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: 2 },
  },
  supervised: {
    formula: [
      'L = −1/N · Σᵢ log softmax(W · h(xᵢ))_{yᵢ}',
      'h(x) = f(aug(x))',
    ].join('\n'),
    symbols: [['W', 'w'], ['h(x)', 'h'], ['yᵢ', 'y']],
    watch: ['shared.universal', 'metrics', 'heads', 'shared.probe', 'shared.collapse'],
    article: null,
  },
  tcn: {
    formula: [
      'triplet:  L = 1/N · Σᵢ max(0, ‖aᵢ − pᵢ‖² − ‖aᵢ − nᵢ‖² + α)',
      'N-pairs:  L = −1/N · Σᵢ log [ exp(aᵢ·pᵢ/τ) / ( Σ_{j∈Cᵢ} exp(aᵢ·pⱼ/τ) + exp(aᵢ·nᵢ/τ) ) ]',
    ].join('\n'),
    symbols: [['aᵢ, pᵢ, nᵢ', 'apn'], ['α', 'alpha'], ['τ', 'tau'], ['Cᵢ', 'c']],
    watch: ['pairs', 'metrics', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'temporal', paper: 3 },
  },
  'wang-gupta': {
    formula: [
      'D(u, v) = 1 − uᵀv / (‖u‖ ‖v‖)',
      'L = 1/|𝒩| · Σ_{(i, n)∈𝒩} max(0, D(xᵢ, xᵢ⁺) − D(xᵢ, xₙ⁻) + M)',
    ].join('\n'),
    symbols: [['D(u, v)', 'd'], ['xᵢ, xᵢ⁺', 'x'], ['xₙ⁻', 'neg'], ['M', 'm']],
    watch: ['pairs', 'metrics', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'temporal', paper: 4 },
  },
  'shuffle-learn': {
    formula: [
      'sᵢ = c([φ(v₁), φ(v₂), φ(v₃)])',
      'L = −1/N · Σᵢ [ yᵢ·log σ(sᵢ) + (1 − yᵢ)·log(1 − σ(sᵢ)) ]',
    ].join('\n'),
    symbols: [['sᵢ', 's'], ['φ(v_k)', 'phi'], ['c', 'c'], ['yᵢ', 'y']],
    watch: ['shared.universal', 'metrics', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'temporal', paper: 5 },
  },
  inpainting: {
    formula: [
      'x̂ = σ(d(f(x ⊙ (1 − M) + μ·M)))',
      'L = 1/(3·|M ∪ B|) · Σ_p (M_p + λ·B_p) · ‖x̂_p − x_p‖²',
    ].join('\n'),
    symbols: [['x', 'x'], ['M', 'm'], ['μ', 'mu'], ['d(f(·))', 'd'], ['B, λ', 'band']],
    watch: ['metrics', 'preview', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: null },
  },
  colorization: {
    formula: [
      'Ẑ = softmax(d(f(L)))  (per pixel, over the Q ab bins)',
      'L = −1/P · Σ_p v(q_p) · log Ẑ_{p, q_p}',
      'v = ((1 − λ)·p̃ + λ/Q)⁻¹, normalised so that E_p̃[v] = 1',
      'ab_p = Σ_q softmax(log Ẑ_p / T)_q · c_q',
    ].join('\n'),
    symbols: [['L', 'l'], ['q_p', 'q'], ['v, p̃, λ', 'v'], ['T, c_q', 't']],
    watch: ['metrics', 'preview', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: null },
  },
  rotnet: {
    formula: [
      'pᵢⱼ = softmax(W·n(f(t_j(xᵢ))) + b)',
      'L = −1/(4N) · Σᵢ Σ_{j=0…3} log pᵢⱼ(j)',
    ].join('\n'),
    symbols: [['t_j', 't'], ['f, n', 'f'], ['W, b', 'w']],
    watch: ['shared.universal', 'metrics', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: null },
  },
  jigsaw: {
    formula: [
      'sᵢ = c([φ(xᵢ(π_k(1))), …, φ(xᵢ(π_k(9)))]),  k = kᵢ ∈ {1, …, P}',
      'L = −1/N · Σᵢ log softmax(sᵢ)_{kᵢ}',
    ].join('\n'),
    symbols: [['xᵢ(c)', 'x'], ['π_k', 'pi'], ['φ', 'phi'], ['c', 'c']],
    watch: ['shared.universal', 'metrics', 'preview', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: null },
  },
  'relative-position': {
    formula: [
      'sᵢ = c([φ(xᵢ(5)), φ(xᵢ(nᵢ))])',
      'L = −1/N · Σᵢ log softmax(sᵢ)_{kᵢ},  nᵢ = the neighbour of class kᵢ ∈ {1, …, 8}',
    ].join('\n'),
    symbols: [['xᵢ(5)', 'x'], ['nᵢ, kᵢ', 'k'], ['φ', 'phi'], ['c', 'c']],
    watch: ['shared.universal', 'metrics', 'preview', 'heldOut', 'shared.probe', 'shared.collapse'],
    article: { section: 'context', paper: null },
  },
};

/** The catalog key of one "what to watch" bullet. */
export const watchKey = (id: MethodId, bullet: string): string =>
  bullet.startsWith('shared.') ? `learn.watch.${bullet.slice('shared.'.length)}` : `learn.methods.${id}.watch.${bullet}`;

/** Every catalog key the panel reads for one method (the tests check both languages have them). */
export function learnKeys(id: MethodId): string[] {
  const m = LEARN_METHODS[id];
  return [
    `learn.methods.${id}.pretext`,
    `learn.methods.${id}.batch`,
    ...m.symbols.map(([, key]) => `learn.methods.${id}.symbols.${key}`),
    ...m.watch.map((w) => watchKey(id, w)),
    m.article ? `learn.article.sections.${m.article.section}` : 'learn.article.none',
    ...(m.article?.paper === null ? ['learn.article.overview'] : []),
  ];
}

/** What the Learn tab's last "Show a batch" asked for; kept across tab switches. */
let learnRequest: { methodId: MethodId; datasetId: string } | null = null;

export function LearnPanel() {
  const { t } = useTranslation();
  const draft = useAppStore((s) => s.draft);
  const [picked, setPicked] = useState<MethodId | null>(null);
  // The setup's method until the reader picks another here.
  const shown = picked ?? draft.methodId;
  const pickerId = useId();
  const headingId = useId();
  return (
    <section className="learn" data-testid="learn-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('learn.title')}</h2>
      <p className="muted">{t('learn.intro')}</p>
      <div className="learn-picker">
        <label htmlFor={pickerId}>{t('learn.picker.label')}</label>
        <select id={pickerId} data-testid="learn-method" value={shown} onChange={(e) => isMethodId(e.target.value) && setPicked(e.target.value)}>
          {METHOD_GROUPS.map((group) => methodsInGroup(group)).map((ids, g) => ids.length > 0 && (
            <optgroup key={METHOD_GROUPS[g]} label={t(`learn.picker.${METHOD_GROUPS[g]}`)}>
              {ids.map((id) => <MethodOption key={id} id={id} setup={draft.methodId} />)}
            </optgroup>
          ))}
        </select>
      </div>
      <MethodLesson id={shown} />
    </section>
  );
}

function MethodOption({ id, setup }: { id: MethodId; setup: MethodId }) {
  const { t } = useTranslation();
  return <option value={id}>{id === setup ? t('learn.picker.setup', { method: methodLabel(id) }) : methodLabel(id)}</option>;
}

function MethodLesson({ id }: { id: MethodId }) {
  const { t } = useTranslation();
  const learn = LEARN_METHODS[id];
  const { paper } = METHOD_SPECS[id];
  return (
    <article className="learn-method" data-method={id} aria-labelledby={`learn-${id}-title`}>
      <h3 id={`learn-${id}-title`}>{methodLabel(id)}</h3>

      <h4>{t('learn.sections.pretext')}</h4>
      <p>{t(`learn.methods.${id}.pretext`)}</p>

      <h4>{t('learn.sections.loss')}</h4>
      <pre className="learn-formula" data-testid="learn-formula">{learn.formula}</pre>
      <p className="learn-where">{t('learn.loss.where')}</p>
      <dl className="learn-symbols">
        {learn.symbols.map(([symbol, key]) => (
          <div key={key}>
            {/* Math notation, not prose: the same in every language. */}
            <dt lang="en" translate="no"><code>{symbol}</code></dt>
            <dd>{t(`learn.methods.${id}.symbols.${key}`)}</dd>
          </div>
        ))}
      </dl>

      <h4>{t('learn.sections.batch')}</h4>
      <p>{t(`learn.methods.${id}.batch`)}</p>
      <BatchPreview id={id} />

      <h4>{t('learn.sections.watch')}</h4>
      <ul className="learn-watch">
        {learn.watch.map((w) => <li key={w}>{t(watchKey(id, w), { spread: formatNumber(COLLAPSE_SPREAD) })}</li>)}
      </ul>

      <h4>{t('learn.sections.paper')}</h4>
      <p className="learn-paper">
        <a data-testid="learn-paper" lang="en" href={paper.url} target="_blank" rel="noreferrer">{paper.title}</a>
        <br />
        <span className="muted">{t('learn.paper.by', { authors: paper.authors, venue: paper.venue })}</span>
      </p>
      <p data-testid="learn-article">
        {learn.article
          ? learn.article.paper === null
            ? t('learn.article.overview')
            : t('learn.article.where', { section: t(`learn.article.sections.${learn.article.section}`), paper: learn.article.paper })
          : t('learn.article.none')}
      </p>
    </article>
  );
}

/** "Show a batch": the draft's preview (the setup's method and dataset), drawn as the Training tab draws it. */
function BatchPreview({ id }: { id: MethodId }) {
  const { t } = useTranslation();
  const tx = useText();
  const draft = useAppStore((s) => s.draft);
  const draftPreview = useAppStore((s) => s.draftPreview);
  const userDataset = useDataStore((s) => s.userDatasets.find((d) => d.id === draft.datasetId));
  const { previewDraft, setMethod } = useAppStore.getState();
  const setupMethod = draft.methodId;
  const traits = draftDatasetTraits(draft.datasetId, userDataset?.summary);
  const problem = traits && datasetProblem(setupMethod, traits);
  // A built-in dataset's name from the catalog, a dropped one's as it was named.
  const dataset = userDataset ? datasetName(draft.datasetId, userDataset.summary.name) : datasetName(draft.datasetId);
  // Only a batch this tab asked for, of the setup as it is now.
  const ours = learnRequest?.methodId === setupMethod && learnRequest.datasetId === draft.datasetId;
  const show = () => {
    learnRequest = { methodId: setupMethod, datasetId: draft.datasetId };
    // Sets draftPreview to loading at once, which renders this again.
    previewDraft();
  };
  return (
    <div className="learn-batch">
      {id !== setupMethod && (
        <p className="learn-other-method" data-testid="learn-other-method">
          {t('learn.preview.otherMethod', { setup: methodLabel(setupMethod), shown: methodLabel(id) })}{' '}
          <button type="button" className="secondary small" data-testid="learn-pick-method" onClick={() => setMethod(id)}>
            {t('learn.preview.pick', { method: methodLabel(id) })}
          </button>
        </p>
      )}
      <p>
        <button type="button" className="secondary" data-testid="learn-preview-button" onClick={show}
          disabled={Boolean(problem) || (ours && draftPreview.status === 'loading')}>
          {t('learn.preview.button')}
        </button>{' '}
        <span className="muted">{t('learn.preview.from', { method: methodLabel(setupMethod), dataset })}</span>
      </p>
      {problem && <p className="error" data-testid="learn-preview-problem">{tx(problem)}</p>}
      {ours && draftPreview.status === 'loading' && (
        <p className="muted" role="status">
          {t('learn.preview.loading', { detail: tx(draftPreview.detail) })} <progress aria-label={t('learn.preview.loadingLabel')} />
        </p>
      )}
      {ours && draftPreview.status === 'failed' && <p className="error" role="alert">{t('learn.preview.failed', { detail: tx(draftPreview.detail) })}</p>}
      {ours && draftPreview.status === 'ready' && draftPreview.panels && (
        <div className="learn-preview" data-testid="learn-preview" role="group" aria-label={t('learn.preview.label')}>
          {draftPreview.panels.map((panel, i) => (
            <div key={i} className="preview-panel">
              <h5>{tx(panel.title)}</h5>
              {panel.rows.map((row, j) => <ImageStrip key={j} row={row} />)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
