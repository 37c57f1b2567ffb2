// `faultline k6 export`: a scenario's load as a standalone k6 test — the same seeded request list,
// the same arrival stages (k6-script.ts's options), per-request k6 checks for what one response can
// show (no 5xx but 503, the phase's status allowlist, database failures → 503 with Retry-After,
// P2025 probes → 404), and k6 thresholds from the scenario's latency check and the gating policy's
// blocking thresholds. Requests are tagged with the phase (steady, fault, grace, app-down) from the
// scenario's fault timeline, so `http_req_duration{phase:steady}` means what it means in Faultline.
//
// k6 applies no faults: the script prints the timeline to apply (faultline inject, Toxiproxy, or
// xk6-disruptor on k6-operator). Tokens are minted by the script in setup() from
// FAULTLINE_JWT_SECRET, so the exported files hold no credential and never expire.
import type { Threshold } from '../checks/threshold.ts';
import type { GatingPolicy } from '../report/gating/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { k6Options } from './k6-script.ts';
import type { RequestSpec } from './types.ts';

/** A request as the exported requests.json holds it: `auth` names the user whose token setup() mints. */
export interface ExportedRequest extends Omit<RequestSpec, 'headers'> {
  headers: Record<string, string>;
  /** 'userId:ROLE' when the request is authenticated. */
  auth?: string;
}

/** Placeholder in client keys and bodies, replaced per k6 run so repeated runs write new rows. */
export const RUN_PLACEHOLDER = '__RUN__';

export interface FaultWindowPlan {
  name: string;
  kind: string;
  target: string;
  /** Relative to the start of the load (k6's test start). */
  fromMs: number;
  toMs: number | null;
}

/** Checks whose verdict needs the whole timeline (processes, logs, the database): Faultline's, not k6's. */
const TIMELINE_ONLY = [
  'no-crash',
  'no-unhandled-errors',
  'fault-statuses',
  'answered-within',
  'recovers-within',
  'ready-within',
  'health-truthful',
  'no-lost-writes',
  'exits-as-documented',
  'sockets-fail-closed',
  'rate-limited',
];
/** Per-response checks the script implements. */
const PER_RESPONSE = ['no-5xx-except-503', 'status-allowlist', 'db-failures-are-503', 'missing-records-are-404'];

function decodeJwtPayload(token: string): { sub?: string; role?: string } {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string; role?: string };
}

/** Replaces each minted token by a reference to its user, for setup() to sign at run time. */
export function toExportedRequest(spec: RequestSpec): ExportedRequest {
  const { authorization, ...headers } = spec.headers;
  if (authorization === undefined) return { ...spec, headers };
  const { sub, role } = decodeJwtPayload(authorization.replace(/^Bearer\s+/i, ''));
  return { ...spec, headers, auth: `${sub}:${role}` };
}

/** The scenario's fault windows relative to the load's start (restores such as dbUp close windows). */
export function faultWindows(scenario: Scenario): FaultWindowPlan[] {
  const startMs = scenario.load?.startAtMs ?? 0;
  const windows: FaultWindowPlan[] = [];
  for (const action of scenario.plan) {
    if (action.action === 'apply' && action.effect !== 'restore')
      windows.push({
        name: action.window,
        kind: action.fault.type,
        target: action.target,
        fromMs: action.atMs - startMs,
        toMs: null,
      });
    const closes = action.action === 'revert' ? [action.window] : action.closes;
    for (const name of closes) {
      const open = windows.find((window) => window.name === name && window.toMs === null);
      if (open !== undefined) open.toMs = action.atMs - startMs;
    }
  }
  return windows;
}

/** k6's thresholds object: blocking gate thresholds, the latency check's, and one per per-response check. */
export function k6Thresholds(
  scenario: Scenario,
  policy: GatingPolicy,
): { thresholds: Record<string, string[]>; advisory: string[] } {
  const thresholds: Record<string, string[]> = {};
  const advisory: string[] = [];
  const add = (key: string, expression: string): void => void (thresholds[key] ??= []).push(expression);
  const isAdvisory = (check: string): boolean =>
    policy.advisory.includes(check) || policy.advisory.includes(`${scenario.name}/${check}`);
  for (const { name, options } of scenario.checks) {
    if (PER_RESPONSE.includes(name)) {
      if (isAdvisory(name)) advisory.push(`checks{check:${name}} rate==1`);
      else add(`checks{check:${name}}`, 'rate==1');
    }
    if (name === 'latency') {
      for (const { scope, threshold } of (options as { thresholds: { scope: string; threshold: Threshold }[] })
        .thresholds) {
        const key = scope === 'all' ? 'http_req_duration' : `http_req_duration{phase:${scope}}`;
        if (isAdvisory('latency')) advisory.push(`${key} ${threshold.source}`);
        else add(key, threshold.source);
      }
    }
  }
  for (const threshold of policy.thresholds) {
    if (threshold.tags.scenario !== undefined && threshold.tags.scenario !== scenario.name) continue;
    // k6's own `scenario` tag names the k6 scenario, not Faultline's: drop ours once it matched.
    const tags = Object.entries(threshold.tags).filter(([tag]) => tag !== 'scenario');
    const key =
      tags.length === 0
        ? threshold.metric
        : `${threshold.metric}{${tags.map(([tag, value]) => `${tag}:${value}`).join(',')}}`;
    for (const { expression, role } of threshold.expressions) {
      if (role === 'advisory' || isAdvisory(`${threshold.key} ${expression.source.replace(/\s+/g, '')}`))
        advisory.push(`${key} ${expression.source}`);
      else add(key, expression.source);
    }
  }
  return { thresholds, advisory };
}

export interface K6ExportOptions {
  scenario: Scenario;
  policy: GatingPolicy;
  requests: ExportedRequest[];
  seed: number;
  /** Default for FAULTLINE_APP_URL. */
  appUrl: string;
  faultlineVersion: string;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

export function generateK6Export(options: K6ExportOptions): { script: string; requests: string } {
  const { scenario, policy } = options;
  if (scenario.load === null)
    throw new Error(`scenario "${scenario.name}" has no load section: there is nothing for k6 to run`);
  const { thresholds, advisory } = k6Thresholds(scenario, policy);
  const k6 = { ...k6Options(scenario.load), thresholds };
  const allowlist = scenario.checks.find((check) => check.name === 'status-allowlist')?.options ?? null;
  const windows = faultWindows(scenario);
  const judgedElsewhere = scenario.checks.map((check) => check.name).filter((name) => TIMELINE_ONLY.includes(name));
  const timeline = windows.map(
    (window) =>
      `//   ${(window.fromMs / 1_000).toFixed(1)} s → ${window.toMs === null ? 'end' : `${(window.toMs / 1_000).toFixed(1)} s`}  ${window.kind} (${window.target})`,
  );
  const script = `// Generated by \`faultline k6 export ${scenario.name}\` (Faultline ${options.faultlineVersion}, seed ${options.seed}, gating policy ${policy.name}). Re-export rather than edit.
// ${scenario.description}
//
//   FAULTLINE_APP_URL=http://localhost:3000 FAULTLINE_JWT_SECRET=... k6 run script.js
//   k6 archive script.js   # one file with requests.json inside, for k6-operator (TestRun spec.script.configMap)
//
// k6 applies no faults. Apply this timeline (times from the start of the load) with
// \`faultline inject\`, your Toxiproxy, or xk6-disruptor on k6-operator:
${timeline.length === 0 ? '//   (no faults)' : timeline.join('\n')}
// Judged by Faultline from the whole timeline, not here: ${judgedElsewhere.join(', ') || 'nothing'}.
// Advisory in the gating policy (reported, not thresholds here): ${advisory.join('; ') || 'none'}.
import http from 'k6/http';
import exec from 'k6/execution';
import crypto from 'k6/crypto';
import encoding from 'k6/encoding';
import { check } from 'k6';
import { SharedArray } from 'k6/data';

const BASE_URL = (__ENV.FAULTLINE_APP_URL || ${JSON.stringify(options.appUrl)}).replace(/\\/+$/, '');
const JWT_SECRET = __ENV.FAULTLINE_JWT_SECRET || '';
const RUN_ID = __ENV.FAULTLINE_RUN_ID || 'k6-' + Date.now().toString(36);
const REQUESTS = new SharedArray('requests', () => JSON.parse(open('./requests.json')));
const FAULT_WINDOWS = ${JSON.stringify(windows)};
const GRACE_MS = ${scenario.graceMs};
const ALLOWLIST = ${JSON.stringify(allowlist)};
const CONNECTION_ERRORS = ['ECONNREFUSED', 'ECONNRESET'];
const CHECKS = ${JSON.stringify(scenario.checks.map((check) => check.name).filter((name) => PER_RESPONSE.includes(name)))};

export const options = ${json(k6)};

/** Faultline's phases, from the fault timeline: app-down, fault, grace (after a fault) or steady. */
export function phaseAt(elapsedMs) {
  const inside = (window) => elapsedMs >= window.fromMs && (window.toMs === null || elapsedMs < window.toMs);
  if (FAULT_WINDOWS.some((window) => window.target === 'app' && inside(window))) return 'app-down';
  if (FAULT_WINDOWS.some((window) => window.target !== 'app' && inside(window))) return 'fault';
  if (FAULT_WINDOWS.some((window) => window.target !== 'app' && window.toMs !== null && elapsedMs >= window.toMs && elapsedMs < window.toMs + GRACE_MS)) return 'grace';
  return 'steady';
}

function signToken(userId, role, nowSec) {
  const part = (value) => encoding.b64encode(JSON.stringify(value), 'rawurl');
  const unsigned = part({ alg: 'HS256' }) + '.' + part({ role: role, sub: userId, iat: nowSec, exp: nowSec + 86400 });
  return unsigned + '.' + crypto.hmac('sha256', JWT_SECRET, unsigned, 'base64rawurl');
}

export function setup() {
  if (JWT_SECRET === '') throw new Error('set FAULTLINE_JWT_SECRET to the secret the app signs tokens with');
  const tokens = {};
  const nowSec = Math.floor(Date.now() / 1000);
  for (let i = 0; i < REQUESTS.length; i++) {
    const auth = REQUESTS[i].auth;
    if (auth && tokens[auth] === undefined) tokens[auth] = signToken(auth.split(':')[0], auth.split(':')[1], nowSec);
  }
  return { tokens: tokens };
}

function allowed(res, phase, template) {
  if (ALLOWLIST !== null && ALLOWLIST.templates && ALLOWLIST.templates.indexOf(template) < 0) return true;
  const list = ALLOWLIST === null ? null : ALLOWLIST[phase];
  if (list === null || list === undefined) return true;
  if (res.status === 0) return CONNECTION_ERRORS.some((code) => list.indexOf(code) >= 0);
  return list.indexOf(res.status) >= 0 || list.indexOf(Math.floor(res.status / 100) + 'xx') >= 0;
}

function errorCode(res) {
  try {
    const body = JSON.parse(res.body);
    return body && body.error && typeof body.error.code === 'string' ? body.error.code : '';
  } catch (e) {
    return '';
  }
}

export default function (data) {
  const index = exec.scenario.iterationInTest;
  if (index >= REQUESTS.length) return;
  const spec = REQUESTS[index];
  const phase = phaseAt(Date.now() - exec.scenario.startTime);
  const headers = Object.assign({}, spec.headers);
  if (spec.auth) headers.authorization = 'Bearer ' + data.tokens[spec.auth];
  const withRun = (text) => text.split(${JSON.stringify(RUN_PLACEHOLDER)}).join(RUN_ID);
  const tags = { name: spec.routeTemplate, phase: phase, kind: spec.kind, template: spec.template };
  const res = http.request(spec.method, BASE_URL + withRun(spec.path), spec.body === undefined ? null : withRun(spec.body), { headers: headers, tags: tags, timeout: ${JSON.stringify(`${scenario.load.timeoutMs}ms`)}, responseType: 'text' });
  const dbFault = phase === 'fault' && FAULT_WINDOWS.some((window) => window.target === 'database');
  const all = {
    'no-5xx-except-503': (r) => r.status < 500 || r.status === 503,
    'status-allowlist': (r) => allowed(r, phase, spec.template),
    'db-failures-are-503': (r) => !dbFault || r.status < 500 || (r.status === 503 && !!(r.headers['Retry-After'] || r.headers['retry-after']) && errorCode(r).indexOf('DATABASE_') === 0),
    'missing-records-are-404': (r) => spec.kind !== 'p2025-probe' || r.status === 404 || (dbFault && r.status === 503),
  };
  // k6 tags each check's points with check:<name>, which the checks{check:...} thresholds select.
  for (let i = 0; i < CHECKS.length; i++) check(res, { [CHECKS[i]]: all[CHECKS[i]] });
}
`;
  return { script, requests: `${JSON.stringify(options.requests)}\n` };
}
