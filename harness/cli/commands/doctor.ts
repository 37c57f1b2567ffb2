// `faultline doctor`: what this machine can run, and why not. One line per thing the harness may
// need — Node.js, the target in this folder (its config, its build), PostgreSQL's binaries, Redis, Chromium, a Docker
// engine, k6, ports — each OK or what is missing, what that disables and the command that fixes it.
// Exit 0 when the main job (`npm run chaos`) can run here, 3 when it cannot. It changes nothing but
// what the target's own build step makes (a generated client, when it is not current).
import { parseArgs } from 'node:util';
import {
  chromiumProbe,
  dockerProbe,
  k6Probe,
  nodeProbe,
  portsProbe,
  postgresProbe,
  targetProbe,
  redisProbe,
} from '../../doctor/probes.ts';
import { skipLine } from '../../doctor/skip-line.ts';
import type { DoctorContext, Finding } from '../../doctor/types.ts';
import { loadCatalog, resolveTargets } from '../catalog.ts';
import { loadTarget } from '../../target/load-target.ts';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';

const DOCKER_TIMEOUT_MS = 5_000;
const LABEL = { ok: 'OK     ', missing: 'MISSING', note: 'NOTE   ' } as const;

export function renderFindings(findings: readonly Finding[]): string {
  const width = Math.max(...findings.map((finding) => finding.name.length));
  const indent = ' '.repeat(width + 13);
  return findings
    .flatMap((finding) => [
      `  ${LABEL[finding.status]}  ${finding.name.padEnd(width)}  ${finding.detail}`,
      ...(finding.status !== 'ok' && finding.disables !== undefined ? [`${indent}disables: ${finding.disables}`] : []),
      ...(finding.status !== 'ok' && finding.fix !== undefined ? [`${indent}fix: ${finding.fix}`] : []),
    ])
    .join('\n');
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Tell what this machine can run: each dependency OK, or what is missing, what it disables and the fix',
  usage: 'faultline doctor',
  async run(argv) {
    const { positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: {} });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    // Read here, at the edge: FAULTLINE_REDIS_SERVER, FAULTLINE_CHROMIUM, DOCKER_HOST, PATH.
    const context: DoctorContext = { env: process.env, dockerTimeoutMs: DOCKER_TIMEOUT_MS };
    // The target's own scenarios count too, when its config loads (the Target line says when not).
    const target = await loadTarget().catch(() => undefined);
    const { scenarios } = await loadCatalog(target);

    console.log('faultline doctor — what this machine can run\n');
    const findings: Finding[] = [
      nodeProbe(),
      await targetProbe(),
      await postgresProbe(),
      ...(await portsProbe()),
      redisProbe(context, scenarios),
      chromiumProbe(context),
      await dockerProbe(context),
      k6Probe(context),
    ];
    console.log(renderFindings(findings));

    const blocking = findings.filter((finding) => finding.essential && finding.status === 'missing');
    const skipping = skipLine(await resolveTargets(['release'], target), { kind: 'embedded' });
    console.log(
      blocking.length === 0
        ? `\nThe main job can run here: npm run chaos${skipping === undefined ? ' (every scenario)' : ` — it ${skipping.replace(/ — .*$/, '')}`}.`
        : `\nThe main job cannot run here: ${blocking.map((finding) => finding.name).join(', ')} (above).`,
    );

    // A Docker engine that never answered leaves testcontainers' request open; do not wait for it.
    if (findings.some((finding) => finding.name === 'Docker' && /answered within/.test(finding.detail)))
      setTimeout(() => process.exit(), 100).unref();
    return blocking.length === 0 ? ExitCode.Ok : ExitCode.NotProven;
  },
};
