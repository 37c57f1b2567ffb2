// Where routers are mounted: `app.use('/api/users', usersRouter)` with `usersRouter` imported from
// './routes/users' puts that file's `router.get('/:id')` at /api/users/:id. Followed through files
// (a router mounting routers) by the import the mount names; a mount init cannot follow is reported.
import path from 'node:path';
import type { SourceFile } from './read-sources.ts';

const MOUNT = /\.use\(\s*(?<quote>['"`])(?<path>\/[^'"`$]*)\k<quote>\s*,(?<args>[^;]{0,300})/g;
const EXTENSIONS = ['', '.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '.tsx', '.jsx'];

const escape = (text: string): string => text.replace(/[$]/g, '\\$');

/** The relative module a name is bound to in a file: `import x from './x'`, `const x = require('./x')`. */
function moduleOf(text: string, name: string): string | undefined {
  const id = escape(name);
  const shapes = [
    new RegExp(`import\\s+${id}\\s*(?:,\\s*\\{[^}]*\\})?\\s+from\\s+['"](\\.[^'"]+)['"]`),
    new RegExp(`import\\s*(?:[\\w$]+\\s*,\\s*)?\\{[^}]*\\b${id}\\b[^}]*\\}\\s*from\\s+['"](\\.[^'"]+)['"]`),
    new RegExp(`import\\s+\\*\\s+as\\s+${id}\\s+from\\s+['"](\\.[^'"]+)['"]`),
    new RegExp(`\\b${id}\\s*=\\s*require\\(\\s*['"](\\.[^'"]+)['"]\\s*\\)`),
  ];
  return shapes.map((shape) => shape.exec(text)?.[1]).find((found) => found !== undefined);
}

/** The source file a relative specifier names ('./routes.js' may be routes.ts, './routes' routes/index.ts). */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  const stems = [base, base.replace(/\.[cm]?js$/, '')];
  const candidates = stems.flatMap((stem) => [
    ...EXTENSIONS.map((ext) => `${stem}${ext}`),
    ...EXTENSIONS.slice(1).map((ext) => `${stem}/index${ext}`),
  ]);
  return candidates.find((candidate) => known.has(candidate));
}

export interface Mount {
  /** The file that mounts it. */
  from: string;
  /** The path it is mounted at. */
  prefix: string;
  /** The file the mounted router comes from, when init could follow it there. */
  to?: string;
}

/** Every mount with a path, and each mounted file's full prefix (its mounts' joined). */
export function mountPrefixes(files: readonly SourceFile[]): { byFile: Map<string, string>; mounts: Mount[] } {
  const known = new Set(files.map((file) => file.path));
  const edges: Array<{ from: string; to: string; prefix: string }> = [];
  const mounts: Mount[] = [];
  for (const file of files)
    for (const { groups } of file.text.matchAll(MOUNT)) {
      const prefix = groups!.path!;
      const args = groups!.args!;
      const inline = /require\(\s*['"](\.[^'"]+)['"]\s*\)/.exec(args)?.[1];
      // The last name in the arguments bound to a local module: the router comes after any middleware.
      const names = [...args.matchAll(/[A-Za-z_$][\w$]*/g)].map((m) => m[0]).reverse();
      const specifier = inline ?? names.map((name) => moduleOf(file.text, name)).find((s) => s !== undefined);
      const to = specifier === undefined ? undefined : resolve(file.path, specifier, known);
      if (to !== undefined) edges.push({ from: file.path, to, prefix });
      mounts.push({ from: file.path, prefix, to });
    }
  const byFile = new Map<string, string>();
  const prefixOf = (file: string, depth: number): string => {
    const edge = edges.find((e) => e.to === file);
    if (edge === undefined || depth > 8) return '';
    return `${prefixOf(edge.from, depth + 1)}${edge.prefix === '/' ? '' : edge.prefix}`;
  };
  for (const edge of edges) byFile.set(edge.to, prefixOf(edge.to, 0));
  return { byFile, mounts };
}
