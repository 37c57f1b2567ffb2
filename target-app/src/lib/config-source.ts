// Where configuration comes from, behind one small interface: the environment, a file (a secrets
// file mounted by the orchestrator: a Kubernetes/ECS secret volume, a file rendered from AWS
// Parameter Store or Secrets Manager at deploy time), or — implemented the same way — a store read
// at start (Parameter Store's GetParametersByPath). Sources only read raw strings; config.ts merges
// them, validates the result once, and nothing else reads configuration.
//
// A file is JSON (an object of strings, numbers or booleans) when its name ends in .json, else
// .env style: KEY=VALUE lines, `#` comments, blank lines, an optional `export ` prefix, and values
// optionally in single or double quotes (no interpolation, no multi-line values).
import fs from 'node:fs/promises';
import path from 'node:path';

export type RawConfig = Record<string, string | undefined>;

export interface ConfigSource {
  /** Names the source in errors and in the startup log (never its values). */
  readonly name: string;
  read(): Promise<RawConfig>;
}

export class ConfigSourceError extends Error {
  readonly code = 'CONFIG_SOURCE_INVALID';
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'ConfigSourceError';
  }
}

export function environmentSource(env: NodeJS.ProcessEnv): ConfigSource {
  return { name: 'environment', read: async () => ({ ...env }) };
}

export function fileSource(file: string): ConfigSource {
  const name = `CONFIG_FILE ${file}`;
  return {
    name,
    async read() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new ConfigSourceError(name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
          cause: error,
        });
      }
      return path.extname(file).toLowerCase() === '.json' ? parseJson(name, text) : parseDotenv(name, text);
    },
  };
}

function parseJson(name: string, text: string): RawConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigSourceError(name, `is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigSourceError(name, 'must hold one JSON object of settings');
  const out: RawConfig = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!['string', 'number', 'boolean'].includes(typeof value))
      throw new ConfigSourceError(name, `${key} must be a string, a number or a boolean`);
    out[key] = String(value);
  }
  return out;
}

const DOTENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function parseDotenv(name: string, text: string): RawConfig {
  const out: RawConfig = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = DOTENV_LINE.exec(line);
    if (match === null) throw new ConfigSourceError(name, `line ${index + 1} is not KEY=VALUE`);
    let value = match[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted !== null) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '');
    out[match[1]!] = value;
  });
  return out;
}
