// Live progress of one scenario: on a TTY one line redrawn in place (phase, elapsed, request rate,
// status mix); in CI (or piped) a plain line every few seconds, so logs stay readable.
import type { Sample } from '../timeline/types.ts';

export interface ProgressSource {
  scenario: string;
  phase(): string;
  elapsedMs(): number;
  samples(): readonly Sample[];
}

export interface Progress {
  stop(): void;
  /** A line printed between redraws (a fault applied, the app ready...). */
  note(message: string): void;
}

function mix(samples: readonly Sample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const key =
      sample.socket !== undefined
        ? `socket ${sample.socket.outcome}`
        : sample.status === null
          ? (sample.errorClass ?? 'error')
          : `${Math.floor(sample.status / 100)}xx`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ordered = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
  return ordered.map(([key, count]) => `${key} ${count}`).join(' · ') || 'no requests yet';
}

export function startProgress(
  source: ProgressSource,
  stream: NodeJS.WriteStream = process.stderr,
  options: { interactive?: boolean } = {},
): Progress {
  const interactive = options.interactive ?? (stream.isTTY === true && process.env.CI === undefined);
  let lastCount = 0;
  let lastAt = source.elapsedMs();
  const line = (): string => {
    const samples = source.samples();
    const now = source.elapsedMs();
    const rate = ((samples.length - lastCount) * 1_000) / Math.max(1, now - lastAt);
    lastCount = samples.length;
    lastAt = now;
    return `  ${source.scenario}  ${source.phase().padEnd(14)} ${(now / 1_000).toFixed(1).padStart(6)}s  ${rate.toFixed(0).padStart(4)} req/s  ${mix(samples)}`;
  };
  const clear = (): void => {
    if (interactive) stream.write('\r\x1b[2K');
  };
  const timer = setInterval(
    () => {
      if (interactive) {
        clear();
        stream.write(line().slice(0, (stream.columns ?? 120) - 1));
      } else {
        stream.write(`${line()}\n`);
      }
    },
    interactive ? 250 : 5_000,
  );
  return {
    note(message) {
      clear();
      stream.write(`  ${message}\n`);
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}
