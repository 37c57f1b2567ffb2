// no-lost-writes: every write the app acknowledged (2xx with a client key) is in the database, as
// read back directly by the runner after the run. Evidence: the missing keys with their requests.
import { z } from 'zod';
import { acknowledgedWrites } from '../timeline/samples.ts';
import { checkResult, describeSample } from './result.ts';
import type { Check, Evidence } from './types.ts';

export const noLostWrites: Check<Record<string, never>> = {
  name: 'no-lost-writes',
  description:
    'Every write acknowledged with a 2xx is in the database afterwards (read back directly, not through the app).',
  optionsSchema: z.strictObject({}),
  evaluate(timeline) {
    const acknowledged = acknowledgedWrites(timeline);
    const keys = new Map(acknowledged.map((sample) => [sample.clientKey, sample]));
    const writes = timeline.samples.filter((sample) => sample.kind === 'write').length;
    const figures = { writes, acknowledged: keys.size, missing: 0, notChecked: 0 };
    if (keys.size === 0) {
      return checkResult(this.name, {
        passed: false,
        summary: `No write was acknowledged (${writes} sent): nothing was proven. Add tickets.create to the load mix.`,
        figures,
      });
    }
    const readback = timeline.writeReadback;
    if (readback === null || readback.error !== undefined) {
      return checkResult(this.name, {
        passed: false,
        summary:
          readback === null
            ? 'The acknowledged writes were never read back from the database.'
            : `Reading the writes back failed: ${readback.error}`,
        figures,
      });
    }
    const checked = new Set(readback.checkedKeys);
    const found = new Set(readback.foundKeys);
    const offending: Evidence[] = [];
    for (const [clientKey, sample] of keys) {
      if (found.has(clientKey)) continue;
      const why = checked.has(clientKey) ? 'acknowledged but not in the database' : 'acknowledged but never looked up';
      if (checked.has(clientKey)) figures.missing++;
      else figures.notChecked++;
      offending.push({
        type: 'write',
        clientKey,
        sampleId: sample.id,
        note: `${clientKey}: ${why} (${describeSample(sample)})`,
      });
    }
    return checkResult(this.name, {
      passed: offending.length === 0,
      summary:
        offending.length === 0
          ? `All ${keys.size} acknowledged writes are in the database.`
          : `${figures.missing} of ${keys.size} acknowledged writes are missing from the database${figures.notChecked > 0 ? ` (${figures.notChecked} were never looked up)` : ''}.`,
      figures,
      counts: {
        acknowledged: keys.size,
        found: keys.size - offending.length,
        missing: figures.missing,
        notChecked: figures.notChecked,
      },
      offending,
    });
  },
};
