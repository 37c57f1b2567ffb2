// Types for generated-client.mjs (plain JavaScript so that it runs before tsx is registered).
export type ClientState = 'current' | 'missing' | 'stale';

export const CLIENT_DIR: string;
export function clientFingerprint(): string;
export function clientState(): ClientState;
export function generateClient(options?: { args?: string[]; stdio?: 'inherit' | 'pipe' }): {
  ok: boolean;
  status: number;
  output: string;
};
export function ensureGeneratedClient(options?: { say?: (line: string) => void }): {
  ok: boolean;
  before: ClientState;
  generated: boolean;
  output: string;
};
