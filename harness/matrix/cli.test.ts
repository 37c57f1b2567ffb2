// `faultline matrix` refuses bad input before anything starts: exit 2, naming what was wrong.
import { afterEach, expect, it, vi } from 'vitest';
import { main } from '../cli/main.ts';

afterEach(() => vi.restoreAllMocks());

it.each([
  [['matrix', '--only', 'made-up-defect'], /unknown: made-up-defect/],
  [['matrix', '--seed', 'soon'], /--seed expects a whole number/],
  [['matrix', 'release'], /unexpected argument "release"/],
])('exits 2 for %j', async (argv, message) => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  expect(await main(argv)).toBe(2);
  expect(errors.join('\n')).toMatch(message);
});
