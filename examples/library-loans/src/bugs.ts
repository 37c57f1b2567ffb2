// Bugs of the post-mortem's kind, switched on by name in LIBRARY_BUGS (comma-separated; none by
// default), so that a chaos harness can prove it catches each one.
export const BUGS = {
  'listen-early': 'listens before the database is connected and says ready while it is not',
  'p2025-500': 'returning or deleting a record that does not exist answers 500 instead of 404',
  'db-errors-500': 'database failures answer 500 instead of 503',
} as const;

export type Bug = keyof typeof BUGS;

export function parseBugs(value: string | undefined): Set<Bug> {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(name in BUGS));
  if (unknown.length > 0)
    throw new Error(`unknown LIBRARY_BUGS: ${unknown.join(', ')} (known: ${Object.keys(BUGS).join(', ')})`);
  return new Set(names as Bug[]);
}
