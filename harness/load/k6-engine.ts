// The k6 load engine, used when a `k6` binary is on PATH: writes the request list and the generated
// script to a temporary directory, runs `k6 run --out json=...`, and turns the output into Samples
// once k6 exits (so, unlike the builtin engine, samples appear in the timeline at the end of load).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { TimelineRecorder } from '../timeline/recorder.ts';
import { arrivalOffsetsMs } from './arrival.ts';
import { LoadError } from './errors.ts';
import { convertK6Output } from './k6-output.ts';
import { generateK6Script } from './k6-script.ts';
import { refuseNonHttpTemplates } from './http-only.ts';
import { RequestFactory } from './request-factory.ts';
import type { LoadContext, LoadEngine, LoadProfile, RequestSpec } from './types.ts';

/** True when `k6 version` runs. */
export async function isK6Available(k6Path = 'k6'): Promise<boolean> {
  try {
    const result = await execa(k6Path, ['version'], { reject: false, timeout: 10_000 });
    return result.exitCode === 0;
  } catch {
    return false;
  }
}

export interface K6EngineOptions {
  /** The k6 executable (default: `k6` on PATH). */
  k6Path?: string;
  /** Keep the script, request list and output for inspection. */
  keepFiles?: boolean;
}

export class K6LoadEngine implements LoadEngine {
  readonly name = 'k6' as const;
  private readonly k6Path: string;

  constructor(private readonly options: K6EngineOptions = {}) {
    this.k6Path = options.k6Path ?? 'k6';
  }

  async run(
    profile: LoadProfile,
    context: LoadContext,
    recorder: TimelineRecorder,
    signal?: AbortSignal,
  ): Promise<void> {
    refuseNonHttpTemplates(profile.mix, context, 'The k6 engine');
    if (!(await isK6Available(this.k6Path)))
      throw new LoadError(
        'K6_NOT_INSTALLED',
        `k6 is not installed (no working "${this.k6Path}" on PATH); use the builtin engine`,
      );
    const factory = RequestFactory.create(context, profile.mix);
    const offsets = [...arrivalOffsetsMs(profile.arrival)];
    const requests: RequestSpec[] = offsets.map(() => factory.next());
    const dir = await mkdtemp(path.join(tmpdir(), 'faultline-k6-'));
    const files = {
      requests: path.join(dir, 'requests.json'),
      script: path.join(dir, 'script.js'),
      output: path.join(dir, 'output.json'),
    };
    try {
      await writeFile(files.requests, JSON.stringify(requests));
      await writeFile(
        files.script,
        generateK6Script(profile, { appUrl: context.appUrl, requestsPath: files.requests }),
      );
      const waitMs = profile.startAtMs - recorder.now();
      if (waitMs > 0) await sleep(waitMs, undefined, { signal }).catch(() => undefined);
      const isAborted = (): boolean => signal?.aborted === true;
      if (isAborted()) return;
      const spawnedAtMs = recorder.now();
      const result = await execa(
        this.k6Path,
        ['run', '--quiet', '--no-usage-report', '--out', `json=${files.output}`, files.script],
        {
          reject: false,
          env: { K6_NO_USAGE_REPORT: 'true' },
          ...(signal === undefined ? {} : { cancelSignal: signal }),
        },
      );
      const aborted = isAborted();
      if (!aborted && result.exitCode !== 0) {
        throw new LoadError(
          'K6_FAILED',
          `k6 exited with code ${result.exitCode}: ${String(result.stderr).slice(-500)}`,
        );
      }
      const output = await readFile(files.output, 'utf8').catch(() => '');
      const firstSampleId = recorder.nextSampleId();
      const converted = convertK6Output(output, {
        requests,
        originEpochMs: recorder.originEpochMs,
        scheduledOffsetsMs: offsets,
        firstSampleId,
        maxInFlight: profile.maxInFlight,
      });
      const loadStartMs = Math.max(spawnedAtMs, converted.loadStartMs);
      recorder.mark('load-start', loadStartMs, {
        engine: this.name,
        scheduled: requests.length,
        maxInFlight: profile.maxInFlight,
      });
      for (const sample of converted.samples) recorder.recordSample(sample);
      for (const cap of converted.caps) recorder.recordInFlightCap(cap);
      recorder.mark('load-end', recorder.now(), { engine: this.name, dropped: converted.caps.length, aborted });
    } finally {
      if (this.options.keepFiles !== true) await rm(dir, { recursive: true, force: true });
    }
  }
}
