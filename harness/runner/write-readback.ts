// After a run, every write the app acknowledged (2xx) is looked up in the database directly — not
// through the app, which may be lying or down — so no-lost-writes judges what was really committed.
import pg from 'pg';
import type { Sample, WriteReadback } from '../timeline/types.ts';

export function acknowledgedKeys(samples: readonly Sample[]): string[] {
  const keys = new Set<string>();
  for (const sample of samples) {
    if (
      sample.kind === 'write' &&
      sample.clientKey !== undefined &&
      sample.status !== null &&
      sample.status >= 200 &&
      sample.status < 300
    )
      keys.add(sample.clientKey);
  }
  return [...keys];
}

/** `readBack` is the target's query: it gets every key as `$1` (text[]) and returns those it finds. */
export async function readBackWrites(
  databaseUrl: string,
  readBack: string,
  keys: readonly string[],
  atMs: number,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<WriteReadback> {
  if (keys.length === 0) return { atMs, checkedKeys: [], foundKeys: [] };
  const attempts = options.attempts ?? 5;
  let lastError: unknown;
  // The database may still be coming back from the scenario's last fault: retry a few times.
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: 3_000,
      query_timeout: 10_000,
    });
    try {
      await client.connect();
      const { rows } = await client.query<unknown[]>({ text: readBack, values: [keys], rowMode: 'array' });
      return { atMs, checkedKeys: [...keys], foundKeys: rows.map((row) => String(row[0])) };
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1_000));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return {
    atMs,
    checkedKeys: [...keys],
    foundKeys: [],
    error: `could not read back writes: ${(lastError as Error)?.message ?? String(lastError)}`,
  };
}
