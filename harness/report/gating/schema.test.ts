import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../scenario/errors.ts';
import { defineGatingPolicy, isGatingPolicy } from './schema.ts';

describe('defineGatingPolicy', () => {
  it('parses k6-style thresholds with tags, roles and defaults', () => {
    const policy = defineGatingPolicy({
      name: 'nightly',
      thresholds: {
        'http_req_duration{phase:steady,kind:write}': ['p(95)<500', { threshold: 'max<3000', advisory: true }],
        'http_req_failed{phase:steady}': ['rate<0.01'],
        http_reqs: ['count>=100'],
      },
    });
    expect(isGatingPolicy(policy)).toBe(true);
    expect(policy).toMatchObject({ name: 'nightly', advisory: [], retries: 0 });
    expect(policy.thresholds[0]).toMatchObject({
      key: 'http_req_duration{phase:steady,kind:write}',
      metric: 'http_req_duration',
      tags: { phase: 'steady', kind: 'write' },
    });
    expect(
      policy.thresholds[0]?.expressions.map(({ expression, role }) => [expression.source, expression.aggregate, role]),
    ).toEqual([
      ['p(95)<500', 'p', 'blocking'],
      ['max<3000', 'max', 'advisory'],
    ]);
    expect(policy.thresholds[1]?.expressions[0]?.expression).toEqual({
      source: 'rate<0.01',
      aggregate: 'rate',
      operator: '<',
      value: 0.01,
    });
  });

  it.each([
    [{ 'http_req_duration{phase:later}': ['p(95)<500'] }, /http_req_duration\{phase:later\}: phase must be one of/],
    [{ http_req_latency: ['p(95)<500'] }, /unknown metric "http_req_latency"/],
    [{ 'http_req_duration{color:red}': ['p(95)<500'] }, /expected tag:value with a tag among/],
    [{ http_req_duration: ['rate<0.1'] }, /http_req_duration is a trend/],
    [{ http_req_failed: ['p(95)<0.1'] }, /http_req_failed is a rate/],
    [{ http_req_duration: ['p95<500'] }, /invalid threshold "p95<500"/],
  ])('rejects %j naming the field and what it expected', (thresholds, message) => {
    expect(() => defineGatingPolicy({ name: 'bad', thresholds })).toThrow(ScenarioError);
    expect(() => defineGatingPolicy({ name: 'bad', thresholds })).toThrow(message);
  });

  it('rejects a retry budget that would hide real failures', () => {
    expect(() => defineGatingPolicy({ name: 'bad', retries: 9 })).toThrow(/retries: expected at most 5 retries/);
  });
});
