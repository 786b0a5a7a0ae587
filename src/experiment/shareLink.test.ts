import { describe, it, expect } from 'vitest';
import { inflateSync } from 'fflate';
import { isBuiltinDatasetId } from '../data/catalog';
import { METHOD_IDS, METHOD_SPECS, isMethodId, type MethodId } from '../methods/catalog';
import { RUN_SETTINGS, type BackendPreference } from '../shared/config';
import { defaultParams, type AnyParamValues, type ParamSpec, type ParamSpecs } from '../shared/params';
import {
  MAX_JSON_BYTES, MAX_RUNS, SHARE_VERSION, decodeExperiment, encodeExperiment, encodeRawBytes, encodeRawPayload,
  experimentUrl, payloadFromHash, type DecodeResult,
} from './shareLink';
import type { Experiment, SharedRunSettings } from './types';
import { englishText, renderText } from '../i18n/render';
import { i18n } from '../i18n/i18n';

const BASE = 'http://127.0.0.1:5173/';
const BACKENDS: BackendPreference[] = ['auto', 'webgpu', 'webgl', 'cpu', 'wasm'];
const HEX64 = '0123456789abcdef'.repeat(4);

const defaultSettings = (): SharedRunSettings => ({
  seed: RUN_SETTINGS.seed.default, maxSteps: RUN_SETTINGS.maxSteps.default, evalEvery: RUN_SETTINGS.evalEvery.default,
  evalBankSize: RUN_SETTINGS.evalBankSize.default, evalQuerySize: RUN_SETTINGS.evalQuerySize.default,
  metricsEvery: RUN_SETTINGS.metricsEvery.default, backend: 'auto',
});

function experimentOf(methods: MethodId[], params: (m: MethodId) => AnyParamValues = (m) => defaultParams(METHOD_SPECS[m].params)): Experiment {
  return {
    dataset: { id: 'shapes', name: 'Colour shapes (6 classes, 32 px)', fingerprint: HEX64 },
    settings: defaultSettings(),
    runs: methods.map((methodId) => ({ methodId, params: params(methodId) })),
  };
}

/** A valid value different from the default: the next step up (or down at the top), another option, the other bool. */
function nonDefault(spec: ParamSpec): number | string | boolean {
  if (spec.kind === 'bool') return !spec.default;
  if (spec.kind === 'choice') return spec.options.find((o) => o !== spec.default) as string;
  const step = spec.step ?? (spec.kind === 'int' ? 1 : (spec.max - spec.min) / 7);
  return spec.default + step <= spec.max ? spec.default + step : spec.default - step;
}
const nonDefaultParams = (m: MethodId): AnyParamValues =>
  Object.fromEntries(Object.entries(METHOD_SPECS[m].params as ParamSpecs).map(([k, spec]) => [k, nonDefault(spec)]));

/** A decoded link with its problems in English (they are Texts: the catalog's English, as the page shows them to an English reader). */
function decodedOk(input: string): { experiment: Experiment; problems: string[] } {
  const result = decodeExperiment(input);
  if (!result.ok) throw new Error(`expected ok, got: ${englishText(result.error)}`);
  return { experiment: result.experiment, problems: result.problems.map(englishText) };
}

/** Every value of a decoded experiment is inside its spec, whatever the link held. */
function expectWithinSpec(e: Experiment) {
  expect(isBuiltinDatasetId(e.dataset.id) || /^user-[0-9a-f]{8,64}$/.test(e.dataset.id)).toBe(true);
  expect(e.dataset.fingerprint).toMatch(/^[0-9a-f]{0,64}$/);
  expect(typeof e.dataset.name).toBe('string');
  expect(Array.from(e.dataset.name).length).toBeLessThanOrEqual(120);
  expect(e.dataset.name).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex
  expect(Object.keys(e.settings).sort()).toEqual([...Object.keys(RUN_SETTINGS), 'backend'].sort());
  for (const [key, spec] of Object.entries(RUN_SETTINGS)) {
    const v = e.settings[key as keyof typeof RUN_SETTINGS];
    expect(Number.isInteger(v) && v >= spec.min && v <= spec.max, `${key} = ${v}`).toBe(true);
  }
  expect(BACKENDS).toContain(e.settings.backend);
  expect(e.runs.length).toBeGreaterThanOrEqual(1);
  expect(e.runs.length).toBeLessThanOrEqual(MAX_RUNS);
  for (const run of e.runs) {
    expect(isMethodId(run.methodId)).toBe(true);
    const specs: ParamSpecs = METHOD_SPECS[run.methodId].params;
    expect(Object.keys(run.params).sort()).toEqual(Object.keys(specs).sort());
    for (const [key, spec] of Object.entries(specs)) expectValueInSpec(spec, run.params[key]);
  }
}
function expectValueInSpec(spec: ParamSpec, v: unknown) {
  if (spec.kind === 'bool') expect(typeof v).toBe('boolean');
  else if (spec.kind === 'choice') expect(spec.options).toContain(v);
  else {
    expect(typeof v === 'number' && v >= spec.min && v <= spec.max, `${spec.label} = ${String(v)}`).toBe(true);
    if (spec.kind === 'int') expect(Number.isInteger(v)).toBe(true);
  }
}

/** Every string and key in a value, to check that an injected string went nowhere. */
function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => [k, ...allStrings(x)]);
}

describe('round trips', () => {
  it.each(METHOD_IDS)('keeps every non-default param of %s', (methodId) => {
    const e = experimentOf([methodId], nonDefaultParams);
    expect(e.runs[0].params).not.toEqual(defaultParams(METHOD_SPECS[methodId].params));
    const { experiment, problems } = decodedOk(encodeExperiment(e));
    expect(problems).toEqual([]);
    expect(experiment).toEqual(e);
  });

  it.each(BACKENDS)('keeps non-default settings and backend %s', (backend) => {
    const settings: SharedRunSettings = {
      seed: 2 ** 31 - 1, maxSteps: 12345, evalEvery: 7, evalBankSize: 20, evalQuerySize: 2000, metricsEvery: 100, backend,
    };
    const e = { ...experimentOf(['moco', 'cpc']), settings };
    const { experiment, problems } = decodedOk(encodeExperiment(e));
    expect(problems).toEqual([]);
    expect(experiment).toEqual(e);
  });

  it.each([
    { id: 'fashion-mnist', name: 'Fashion-MNIST subset (10 classes, 28 px)', fingerprint: '' },
    { id: 'turntable', name: 'Turntable', fingerprint: HEX64 },
    { id: 'user-0123456789ab', name: 'Mes photos « été » 📷 <b>', fingerprint: HEX64 },
    { id: `user-${HEX64}`, name: '', fingerprint: 'abc' },
  ])('keeps the dataset ref $id', (dataset) => {
    const e = { ...experimentOf(['simclr']), dataset };
    const { experiment, problems } = decodedOk(encodeExperiment(e));
    expect(problems).toEqual([]);
    expect(experiment).toEqual(e);
  });

  it('writes every param (missing ones as their defaults) and only the method\'s params', () => {
    const e = experimentOf(['simclr'], () => ({ temperature: 0.3, notAParam: 1 }));
    const { experiment, problems } = decodedOk(encodeExperiment(e));
    expect(problems).toEqual([]);
    expect(experiment.runs[0].params).toEqual({ ...defaultParams(METHOD_SPECS.simclr.params), temperature: 0.3 });
  });

  it('reads a full URL, a fragment, "x=..." and the bare payload; finds the payload in location.hash', () => {
    const e = experimentOf(['dim']);
    const payload = encodeExperiment(e);
    const url = experimentUrl(`${BASE}#old-fragment`, e);
    expect(url).toBe(`${BASE}#x=${payload}`);
    expect(payload.startsWith(`${SHARE_VERSION}.`)).toBe(true);
    for (const input of [url, `#x=${payload}`, `x=${payload}`, payload, `  ${url}\n`, `${BASE}#a=1&x=${payload}`]) {
      expect(decodedOk(input).experiment).toEqual(e);
    }
    expect(payloadFromHash(`#x=${payload}`)).toBe(payload);
    expect(payloadFromHash(`#tab=runs&x=${payload}`)).toBe(payload);
    expect(payloadFromHash('')).toBeNull();
    expect(payloadFromHash('#')).toBeNull();
    expect(payloadFromHash('#x=')).toBeNull();
    expect(payloadFromHash('#runs')).toBeNull();
  });

  it('fits a four-run comparison with every param in a URL under 2000 characters', () => {
    const e: Experiment = {
      ...experimentOf(['simclr', 'moco', 'sla', 'dim'], nonDefaultParams),
      dataset: { id: 'user-0123456789ab', name: 'My holiday photos (dropped folder)', fingerprint: HEX64 },
    };
    const url = experimentUrl(BASE, e);
    console.log(`four-run share URL: ${url.length} characters`);
    expect(url.length).toBeLessThan(2000);
    expect(decodedOk(url).experiment).toEqual(e);
  });
});

// ---------------------------------------------------------------- hostile links

/** A valid version-1 experiment in the compact shape, with parts replaced. */
function rawExperiment(over: { d?: unknown; s?: unknown; r?: unknown } = {}): Record<string, unknown> {
  return {
    d: ['shapes', 'Colour shapes', ''],
    s: [1, 300, 50, 1000, 1000, 5, 'auto'],
    r: [['simclr', defaultParams(METHOD_SPECS.simclr.params)]],
    ...over,
  };
}
const withSetting = (index: number, value: unknown) => {
  const s: unknown[] = [1, 300, 50, 1000, 1000, 5, 'auto'];
  s[index] = value;
  return encodeRawPayload(rawExperiment({ s }));
};
const withSimclrParams = (params: Record<string, unknown>) =>
  encodeRawPayload(rawExperiment({ r: [['simclr', { ...defaultParams(METHOD_SPECS.simclr.params), ...params }]] }));
const textPayload = (json: string) => encodeRawBytes(new TextEncoder().encode(json));
const runsOf = (n: number) => Array.from({ length: n }, (_, i) => [METHOD_IDS[i % METHOD_IDS.length], {}]);

const VALID = encodeExperiment(experimentOf(['simclr', 'moco', 'sla', 'dim'], nonDefaultParams));
const changedInMiddle = () => {
  const i = Math.floor(VALID.length / 2);
  return VALID.slice(0, i) + (VALID[i] === 'A' ? 'B' : 'A') + VALID.slice(i + 1);
};

interface Refused { name: string; input: string; error: RegExp }
const REFUSED: Refused[] = [
  { name: 'empty string', input: '', error: /empty/ },
  { name: '"#x="', input: '#x=', error: /empty/ },
  { name: 'a URL without a fragment', input: BASE, error: /no experiment/ },
  { name: 'a fragment without x=', input: `${BASE}#runs`, error: /no experiment/ },
  { name: 'random garbage', input: 'w0rd$ & <garbage> %%', error: /no version prefix/ },
  { name: 'garbage after the version', input: '1.!!not*base64', error: /base64url/ },
  { name: 'base64url of garbage', input: '1.R2FyYmFnZSBpcyBub3QgZGVmbGF0ZQ', error: /does not decompress/ },
  { name: 'valid payload cut in half', input: VALID.slice(0, VALID.length / 2), error: /damaged/ },
  { name: 'version 0', input: `0.${VALID.slice(2)}`, error: /made by an older version of Pretext \(v0\); this page reads v1/ },
  { name: 'version 99', input: `99.${VALID.slice(2)}`, error: /made by a newer version of Pretext \(v99\); this page reads v1/ },
  { name: 'version 2 before anything else is read', input: '2.!!!', error: /newer version of Pretext \(v2\)/ },
  { name: 'a payload over the length cap', input: `1.${'A'.repeat(9000)}`, error: /too long/ },
  { name: 'no compressed data', input: '1.', error: /base64url/ },
  { name: 'non-JSON compressed text', input: textPayload('this is { not JSON'), error: /not JSON/ },
  { name: 'bad UTF-8', input: encodeRawBytes(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])), error: /UTF-8/ },
  { name: 'JSON array', input: encodeRawPayload([1, 2, 3]), error: /not an experiment \(found an array\)/ },
  { name: 'JSON number', input: encodeRawPayload(42), error: /not an experiment \(found a number\)/ },
  { name: 'JSON null', input: encodeRawPayload(null), error: /not an experiment \(found null\)/ },
  { name: 'JSON string', input: encodeRawPayload('d'), error: /not an experiment/ },
  { name: 'an object without its fields', input: encodeRawPayload({ dataset: 'shapes' }), error: /not an experiment/ },
];

interface Repaired { name: string; input: string; problems: RegExp[]; check?: (e: Experiment) => void }
const simclrDefaults = defaultParams(METHOD_SPECS.simclr.params);
/** What a link from before the learning-rate schedule and the norm-group param existed trained with (the params' `absent` values). */
const beforeSchedules = { lrSchedule: 'constant', warmupPercent: 0, normGroups: 8 };
const REPAIRED: Repaired[] = [
  { name: 'seed -1', input: withSetting(0, -1), problems: [/Seed: -1 is outside \[0, 2147483647\], using 0/], check: (e) => expect(e.settings.seed).toBe(0) },
  { name: 'maxSteps 1e9', input: withSetting(1, 1e9), problems: [/Steps: 1000000000 is outside \[1, 100000\], using 100000/], check: (e) => expect(e.settings.maxSteps).toBe(100000) },
  { name: 'evalEvery -1', input: withSetting(2, -1), problems: [/Evaluate every \(steps; 0 = never\): -1 is outside \[0, 10000\], using 0/], check: (e) => expect(e.settings.evalEvery).toBe(0) },
  { name: 'metricsEvery 2.5', input: withSetting(5, 2.5), problems: [/Read metrics every \(steps\): 2.5 is not a whole number, rounded to 3/], check: (e) => expect(e.settings.metricsEvery).toBe(3) },
  { name: 'evalBankSize "NaN"', input: withSetting(3, 'NaN'), problems: [/Evaluation train images.*not a finite number, using 1000/], check: (e) => expect(e.settings.evalBankSize).toBe(1000) },
  { name: 'evalQuerySize "Infinity"', input: withSetting(4, 'Infinity'), problems: [/Held-out images.*not a finite number/], check: (e) => expect(e.settings.evalQuerySize).toBe(1000) },
  { name: 'maxSteps 1e400', input: textPayload(JSON.stringify(rawExperiment({ s: [1, '@', 50, 1000, 1000, 5, 'cpu'] })).replace('"@"', '1e400')), problems: [/Steps: not a finite number, using 300/], check: (e) => expect(e.settings).toEqual({ ...defaultSettings(), backend: 'cpu' }) },
  { name: 'unknown backend', input: withSetting(6, 'metal'), problems: [/backend "metal" is not one of auto, webgpu, webgl, cpu, wasm; using auto/], check: (e) => expect(e.settings.backend).toBe('auto') },
  { name: 'settings too short', input: encodeRawPayload(rawExperiment({ s: [7] })), problems: [/Steps missing from the link, using 300/, /backend undefined/], check: (e) => expect(e.settings).toEqual({ ...defaultSettings(), seed: 7 }) },
  { name: 'settings missing', input: encodeRawPayload(rawExperiment({ s: 'fast' })), problems: [/Settings: missing/], check: (e) => expect(e.settings).toEqual(defaultSettings()) },
  { name: 'learningRate 50', input: withSimclrParams({ learningRate: 50 }), problems: [/^Run 1 \(SimCLR\): Learning rate: 50 is outside \[0.00001, 1\], using 1$/], check: (e) => expect(e.runs[0].params.learningRate).toBe(1) },
  { name: 'batchSize "64" as a string', input: withSimclrParams({ batchSize: '64' }), problems: [/^Run 1 \(SimCLR\): Batch size \(images\): not a finite number, using 32$/], check: (e) => expect(e.runs[0].params.batchSize).toBe(32) },
  { name: 'learningRate "NaN"', input: withSimclrParams({ learningRate: 'NaN' }), problems: [/Run 1 \(SimCLR\): Learning rate: not a finite number/], check: (e) => expect(e.runs[0].params.learningRate).toBe(simclrDefaults.learningRate) },
  { name: 'a param missing', input: encodeRawPayload(rawExperiment({ r: [['simclr', { temperature: 0.3 }]] })), problems: [/Run 1 \(SimCLR\): Batch size \(images\) missing from the link, using 32/], check: (e) => expect(e.runs[0].params).toEqual({ ...simclrDefaults, ...beforeSchedules, temperature: 0.3 }) },
  { name: 'params not an object', input: encodeRawPayload(rawExperiment({ r: [['moco', [1, 2]]] })), problems: [/Run 1 \(MoCo\): params missing, using the defaults/], check: (e) => expect(e.runs[0].params).toEqual(defaultParams(METHOD_SPECS.moco.params)) },
  { name: 'a param as an object', input: withSimclrParams({ optimizer: { a: 'x'.repeat(100) } }), problems: [/Run 1 \(SimCLR\): Optimizer: .* is not one of adam, sgd; using adam/] },
  { name: 'unknown method', input: encodeRawPayload(rawExperiment({ r: [['byol', {}], ['dim', {}]] })), problems: [/^Run 1: unknown method "byol"; run dropped\.$/], check: (e) => expect(e.runs.map((r) => r.methodId)).toEqual(['dim']) },
  { name: 'a run that is not a pair', input: encodeRawPayload(rawExperiment({ r: ['simclr', ['sla', {}]] })), problems: [/Run 1: "simclr" is not a \[method, params\] pair/], check: (e) => expect(e.runs.map((r) => r.methodId)).toEqual(['sla']) },
  { name: '9 runs', input: encodeRawPayload(rawExperiment({ r: runsOf(9) })), problems: [/the link has 9, at most 8 are read; runs 9 to 9 dropped/], check: (e) => expect(e.runs).toHaveLength(8) },
  { name: '50 runs', input: encodeRawPayload(rawExperiment({ r: runsOf(50) })), problems: [/runs 9 to 50 dropped/], check: (e) => expect(e.runs).toHaveLength(8) },
  { name: 'zero runs', input: encodeRawPayload(rawExperiment({ r: [] })), problems: [/no usable run.*one SimCLR run with default params/], check: (e) => expect(e.runs).toEqual([{ methodId: 'simclr', params: simclrDefaults }]) },
  { name: 'runs not an array', input: encodeRawPayload(rawExperiment({ r: { 0: ['simclr', {}] } })), problems: [/Runs: missing/, /no usable run/] },
  { name: 'dataset missing', input: encodeRawPayload(rawExperiment({ d: null })), problems: [/Dataset: missing/], check: (e) => expect(e.dataset.id).toBe('shapes') },
  { name: 'dataset id not a string', input: encodeRawPayload(rawExperiment({ d: [5, 'x', ''] })), problems: [/Dataset id 5 is neither/], check: (e) => expect(e.dataset).toEqual({ id: 'shapes', name: 'Colour shapes (6 classes, 32 px)', fingerprint: '' }) },
  { name: 'user id with uppercase hex', input: encodeRawPayload(rawExperiment({ d: ['user-ABCDEF0123', 'x', ''] })), problems: [/Dataset id "user-ABCDEF0123" is neither/] },
  { name: 'name not text', input: encodeRawPayload(rawExperiment({ d: ['user-0123456789ab', 12, ''] })), problems: [/Dataset name 12 is not text; using "Dropped dataset"/], check: (e) => expect(e.dataset.name).toBe('Dropped dataset') },
  { name: 'name of 300 characters', input: encodeRawPayload(rawExperiment({ d: ['shapes', '🙂'.repeat(300), ''] })), problems: [/Dataset name: 300 characters, cut to 120/], check: (e) => expect(e.dataset.name).toBe('🙂'.repeat(120)) },
  { name: 'name with control characters', input: encodeRawPayload(rawExperiment({ d: ['shapes', 'a\u0000b\nc\u001b[31m\u009bd', ''] })), problems: [/Dataset name: control characters removed/], check: (e) => expect(e.dataset.name).toBe('abc[31md') },
  { name: 'fingerprint too long', input: encodeRawPayload(rawExperiment({ d: ['shapes', 'x', `${HEX64}0`] })), problems: [/Dataset fingerprint "0123.*…/], check: (e) => expect(e.dataset.fingerprint).toBe('') },
];

describe('hostile links', () => {
  it.each(REFUSED)('refuses $name', ({ input, error }) => {
    const result = decodeExperiment(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishText(result.error)).toMatch(error);
  });

  it.each(REPAIRED)('repairs $name, saying so', ({ input, problems, check }) => {
    const { experiment, problems: said } = decodedOk(input);
    expectWithinSpec(experiment);
    for (const p of problems) expect(said.some((s) => p.test(s)), `${String(p)} in ${JSON.stringify(said)}`).toBe(true);
    check?.(experiment);
  });

  it('never throws on a valid payload with one character changed in the middle, nor on any cut of it', () => {
    const inputs = [changedInMiddle(), ...Array.from({ length: VALID.length }, (_, i) => VALID.slice(0, i))];
    for (const input of inputs) {
      let result: DecodeResult | undefined;
      expect(() => (result = decodeExperiment(input))).not.toThrow();
      if (result?.ok) expectWithinSpec(result.experiment);
    }
  });

  it('quotes offending values shortly (at most 40 characters of them)', () => {
    const long = 'z'.repeat(5000);
    const { problems } = decodedOk(encodeRawPayload(rawExperiment({
      d: [long, 'x', ''], s: [1, 300, 50, 1000, 1000, 5, long], r: [[long, {}], ['simclr', { [long]: 1, optimizer: long }]],
    })));
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const p of problems) expect(p.length, p).toBeLessThan(200);
  });

  it('lets no "__proto__" or "constructor" key pollute anything', () => {
    const json = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"d":["shapes","x",""],"s":[1,300,50,1000,1000,5,"auto"],`
      + `"r":[["simclr",{"__proto__":{"polluted":1},"constructor":{"polluted":1},"toString":1,"temperature":0.3}],["constructor",{}],["__proto__",{}]]}`;
    const { experiment, problems } = decodedOk(textPayload(json));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(experiment.runs[0].params)).toBe(Object.prototype);
    expect(experiment.runs).toEqual([{ methodId: 'simclr', params: { ...simclrDefaults, ...beforeSchedules, temperature: 0.3 } }]);
    for (const p of [/unknown parameter "__proto__"/, /unknown parameter "constructor"/, /unknown parameter "toString"/, /Run 2: unknown method "constructor"/, /Run 3: unknown method "__proto__"/]) {
      expect(problems.some((s) => p.test(s)), String(p)).toBe(true);
    }
  });
});

describe('script injection in every string field', () => {
  const INJECTIONS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];
  const simclr = () => ({ ...simclrDefaults });
  const FIELDS: { field: string; build: (s: string) => unknown; problem: RegExp }[] = [
    { field: 'dataset id', build: (s) => rawExperiment({ d: [s, 'x', ''] }), problem: /^Dataset id / },
    { field: 'fingerprint', build: (s) => rawExperiment({ d: ['shapes', 'x', s] }), problem: /^Dataset fingerprint / },
    { field: 'methodId', build: (s) => rawExperiment({ r: [[s, simclr()], ['simclr', simclr()]] }), problem: /^Run 1: unknown method / },
    { field: 'param key', build: (s) => rawExperiment({ r: [['simclr', { ...simclr(), [s]: 1 }]] }), problem: /^Run 1 \(SimCLR\): unknown parameter / },
    { field: 'choice value', build: (s) => rawExperiment({ r: [['simclr', { ...simclr(), optimizer: s }]] }), problem: /^Run 1 \(SimCLR\): Optimizer: / },
    { field: 'backend', build: (s) => rawExperiment({ s: [1, 300, 50, 1000, 1000, 5, s] }), problem: /^Settings: backend / },
  ];

  for (const injected of INJECTIONS) {
    it.each(FIELDS)(`drops ${JSON.stringify(injected)} in the $field`, ({ build, problem }) => {
      const { experiment, problems } = decodedOk(encodeRawPayload(build(injected)));
      expectWithinSpec(experiment);
      expect(allStrings(experiment).filter((s) => s.includes(injected))).toEqual([]);
      expect(problems.some((p) => problem.test(p)), JSON.stringify(problems)).toBe(true);
    });

    it(`keeps ${JSON.stringify(injected)} in the dataset name as plain text (the UI escapes it), control characters removed`, () => {
      const plain = decodedOk(encodeRawPayload(rawExperiment({ d: ['shapes', injected, ''] })));
      expect(plain.experiment.dataset.name).toBe(injected);
      expect(plain.problems).toEqual([]);
      const withControls = decodedOk(encodeRawPayload(rawExperiment({ d: ['shapes', `\u0000${injected}\r\n\u007f`, ''] })));
      expect(withControls.experiment.dataset.name).toBe(injected);
      expect(withControls.problems).toEqual(['Dataset name: control characters removed.']);
    });
  }
});

describe('decompressed-size cap', () => {
  it('refuses a small payload that inflates past 64 KiB', () => {
    const payload = encodeRawPayload(rawExperiment({ d: ['shapes', 'a'.repeat(MAX_JSON_BYTES), ''] }));
    expect(payload.length).toBeLessThan(1000);
    const result = decodeExperiment(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishText(result.error)).toMatch(/too large \(over 64 KiB once decompressed\)/);
  });

  it('accepts content just under the cap', () => {
    const name = 'a'.repeat(MAX_JSON_BYTES - 400);
    const json = JSON.stringify(rawExperiment({ d: ['shapes', name, ''] }));
    expect(json.length).toBeLessThanOrEqual(MAX_JSON_BYTES);
    expect(decodedOk(textPayload(json)).problems).toEqual([expect.stringMatching(/cut to 120/)]);
  });

  it('refuses a hand-made bomb whose stored block lands past the buffer (fflate throws RangeError there)', () => {
    const bomb = fixedHuffmanBombThenStoredBlock();
    expect(() => inflateSync(bomb, { out: new Uint8Array(MAX_JSON_BYTES + 1) })).toThrow(RangeError);
    const payload = `1.${btoa(String.fromCharCode(...bomb)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    const result = decodeExperiment(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishText(result.error)).toMatch(/too large/);
  });
});

/** Raw deflate: a fixed-Huffman block "a" + 300 copies of 258 bytes (77 KB), then a final 4-byte stored block. */
function fixedHuffmanBombThenStoredBlock(): Uint8Array {
  const bits: number[] = [];
  const field = (value: number, n: number) => { for (let i = 0; i < n; i++) bits.push((value >> i) & 1); }; // LSB first
  const code = (value: number, n: number) => { for (let i = n - 1; i >= 0; i--) bits.push((value >> i) & 1); }; // Huffman: MSB first
  field(0, 1); field(1, 2); // not final, fixed Huffman
  code(0x30 + 0x61, 8); // literal "a"
  for (let i = 0; i < 300; i++) { code(0xc0 + 5, 8); code(0, 5); } // length 258 (symbol 285), distance 1 (code 0)
  code(0, 7); // end of block (256)
  field(1, 1); field(0, 2); // final, stored
  while (bits.length % 8) bits.push(0);
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8) bytes.push(bits.slice(i, i + 8).reduce((b, bit, j) => b | (bit << j), 0));
  return Uint8Array.from([...bytes, 4, 0, 0xfb, 0xff, 1, 2, 3, 4]);
}

describe('tampering', () => {
  it('a link with any one character changed is refused as damaged (checksum) or reads the same, never as other settings', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let refused = 0;
    for (let i = 2; i < VALID.length; i++) {
      if (VALID[i] === '.') continue;
      const swapped = alphabet[(alphabet.indexOf(VALID[i]) + 17) % alphabet.length];
      const result = decodeExperiment(VALID.slice(0, i) + swapped + VALID.slice(i + 1));
      // The last base64 character carries unused low bits: changing only those changes nothing.
      if (result.ok) expect(result.experiment, `position ${i}`).toEqual(decodedOk(VALID).experiment);
      else refused++;
    }
    expect(refused).toBeGreaterThan(300);
  });
});

describe('the page language', () => {
  it('is never part of a link: an experiment encodes the same in English and Chinese, and decodes the same', async () => {
    const e = experimentOf(['simclr', 'moco'], nonDefaultParams);
    const english = experimentUrl(BASE, e);
    await i18n.changeLanguage('zh-CN');
    try {
      const chinese = experimentUrl(BASE, e);
      expect(chinese).toBe(english);
      expect(decodedOk(chinese).experiment).toEqual(e);
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('gives its problems and errors as Texts the page shows in the reader\'s language', () => {
    const result = decodeExperiment(encodeRawPayload(rawExperiment({ r: [['simclr', { temperature: 0.3 }]] })));
    if (!result.ok) throw new Error('expected ok');
    const zh = i18n.getFixedT('zh-CN');
    const missing = result.problems.find((p) => /missing from the link/.test(englishText(p)))!;
    expect(englishText(missing)).toMatch(/^Run 1 \(SimCLR\): /);
    expect(renderText(zh, missing)).toMatch(/^运行 1（SimCLR）：/);
    const refused = decodeExperiment('1.!!not*base64');
    if (refused.ok) throw new Error('expected an error');
    expect(renderText(zh, refused.error)).toMatch(/链接已损坏/);
  });
});
