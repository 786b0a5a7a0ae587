import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamSpec } from '../shared/params';
import { text, type Text } from '../shared/text';
import type { MethodId } from '../methods/catalog';
import { paramHelp, paramLabel, paramOption, paramPaper } from '../i18n/content';

/** What a control shows of its param, in the current language (the spec keeps the English). */
export interface ParamTexts {
  label: string;
  help?: string;
  /** The paper's value, as text. */
  paper?: string;
}

/** A method param's label, help and paper value (i18n/content.ts; the spec's English where untranslated). */
export const methodParamTexts = (methodId: MethodId, key: string): ParamTexts =>
  ({ label: paramLabel(methodId, key), help: paramHelp(methodId, key), paper: paramPaper(methodId, key) });

interface Props {
  name: string;
  spec: ParamSpec;
  texts: ParamTexts;
  value: number | string | boolean;
  disabled?: boolean;
  /** What the value means in this setup (shown under the control, named in its description). */
  note?: string;
  onChange(value: number | string | boolean): void;
}

/** One labelled, keyboard-reachable control for a typed param; out-of-range input is flagged. */
export function ParamControl({ name, spec, texts, value, disabled, note, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { label, help, paper } = texts;
  const hint = [help, paper ? t('setup.param.paperHint', { paper }) : ''].filter(Boolean).join(t('setup.param.hintSeparator'));
  let control;
  let invalid = '';
  if (spec.kind === 'bool') {
    control = <input id={id} type="checkbox" data-param={name} checked={Boolean(value)} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
  } else if (spec.kind === 'choice') {
    control = (
      <select id={id} data-param={name} value={String(value)} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {spec.options.map((o) => <option key={o} value={o}>{paramOption(name, o)}</option>)}
      </select>
    );
  } else {
    const n = Number(value);
    if (!Number.isFinite(n)) invalid = t('setup.param.notANumber');
    else if (n < spec.min || n > spec.max) invalid = t('setup.param.outOfRange', { min: spec.min, max: spec.max });
    else if (spec.kind === 'int' && !Number.isInteger(n)) invalid = t('setup.param.wholeNumber');
    control = (
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={Number.isFinite(n) ? n : ''}
        min={spec.min}
        max={spec.max}
        step={spec.step ?? (spec.kind === 'int' ? 1 : 'any')}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={note ? `${id}-range ${id}-note` : `${id}-range`}
        data-param={name}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
    );
  }
  return (
    <div className={`param${invalid ? ' param-invalid' : ''}`}>
      <label htmlFor={id} title={hint}>{label}</label>
      {control}
      {invalid && <span className="param-error" role="alert">{invalid}</span>}
      {spec.kind === 'choice' && help && <span className="param-help">{help}</span>}
      {(spec.kind === 'number' || spec.kind === 'int') && (
        <span className="param-range" id={`${id}-range`} data-testid="param-range">{t('setup.param.range', { range: paramRange(spec.min, spec.max) })}</span>
      )}
      {paper && <span className="param-paper">{t('setup.param.paper', { paper })}</span>}
      {note && <span className="param-help" id={`${id}-note`} data-testid={`param-note-${name}`}>{note}</span>}
    </div>
  );
}

/** A bound as a person writes it: 1e-5 rather than 0.00001, 65536 rather than 6.5536e4. */
export function formatBound(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential().replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(6)));
}

/** "1–1024": the range a numeric param accepts. */
export const paramRange = (min: number, max: number) => `${formatBound(min)}–${formatBound(max)}`;

/**
 * Problems with the current values, as the worker would report them, so Train can be blocked.
 * `labelOf` names a param as the panel shows it (methodParamTexts(id, key).label, runSettingLabel).
 */
export function paramProblems(specs: Readonly<Record<string, ParamSpec>>, values: Record<string, unknown>, labelOf: (key: string) => string): Text[] {
  const problems: Text[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.kind !== 'number' && spec.kind !== 'int') continue;
    const n = Number(values[key]);
    if (!Number.isFinite(n) || n < spec.min || n > spec.max || (spec.kind === 'int' && !Number.isInteger(n))) {
      problems.push(text(spec.kind === 'int' ? 'setup.problems.wholeNumber' : 'setup.problems.number', { label: labelOf(key), min: spec.min, max: spec.max }));
    }
  }
  return problems;
}
