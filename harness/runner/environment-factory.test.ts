// Which scenarios an environment must skip, and why: several app instances run only embedded.
import { describe, expect, it } from 'vitest';
import { missingCapabilityReason } from './environment-factory.ts';

const ALL = { redis: true, processControl: true, postgresControl: true };
const NEEDS = { redis: false, processControl: true, postgresControl: false };

describe('missingCapabilityReason', () => {
  it('runs several instances in the embedded environment only', () => {
    expect(missingCapabilityReason(NEEDS, ALL, 'embedded', 2)).toBeUndefined();
    expect(missingCapabilityReason(NEEDS, ALL, 'containers', 2)).toBe(
      'needs 2 app instances behind a load balancer, which only the embedded environment runs',
    );
    expect(missingCapabilityReason(NEEDS, ALL, 'containers', 1)).toBeUndefined();
  });
});
