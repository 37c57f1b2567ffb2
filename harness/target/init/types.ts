// What `faultline init` learned about a project, before it is written out as a faultline.config.ts.
// Every value is one the written config validates with; what init could only guess carries a `todo`,
// which becomes a `// TODO(faultline init): ...` line above it and a line of the printed to-do list.

/** A value, where it was read from (for the printout), and what the user must still check or fill in. */
export interface Found<T> {
  value: T;
  /** Where it came from, e.g. 'package.json scripts.start' or 'src/settings.ts'. */
  from?: string;
  /** Said above the value in the config: why it is what it is. */
  note?: string;
  /** What the user must do about it (each its own TODO line); also printed. */
  todo?: string | readonly string[];
}

/** A field's TODOs as a list. */
export const todosIn = (found: Found<unknown> | undefined): readonly string[] =>
  found?.todo === undefined ? [] : typeof found.todo === 'string' ? [found.todo] : found.todo;

export type StarterStep = { command: string[] } | { sql: string };

/** One id pool: a model's ids (and, for a soft-deleting model, the deleted ones in a second pool). */
export interface StarterPool {
  name: string;
  query: string;
  note?: string;
  /** The model and table it was made from, to match a route's `/books/:id` to it. */
  model: string;
  table: string;
  /** The id's Prisma type, to write an id that no row has. */
  idType: string;
  /** The pool of a soft-deleting model's deleted rows. */
  deleted?: true;
}

/** A GET request the config builds: its path as literal parts and pool picks, for a `/books/:id`. */
export interface StarterRequest {
  name: string;
  /** e.g. 'GET /books/:id' */
  route: string;
  path: ReadonlyArray<string | { pool: string }>;
  todo?: string;
}

export interface StarterConfig {
  /** 'faultline.config.ts', or '.mts' where a .ts file would load as CommonJS (and `faultline` is ESM). */
  fileName: Found<string>;
  name: Found<string>;
  app: {
    command: Found<string[]>;
    env?: Record<string, string>;
    databaseUrl: Found<string>;
    /** Absent when the app reads no Redis variable; a value of undefined with a TODO when it reads no URL. */
    redisUrl?: Found<string | undefined>;
    port: Found<string>;
    /** Variables the source reads that Faultline does not set; the app may need some under app.env. */
    otherEnv: string[];
  };
  migrate: Found<StarterStep>;
  /** Absent: no seed found, said in a TODO where it would be. */
  seed: Found<StarterStep | undefined>;
  pools: Found<StarterPool[]>;
  health: Found<{ endpoints: Record<string, string>; ready: string }>;
  requests: Found<StarterRequest[]>;
  /** A commented-out example of a request for a record that does not exist, when a route takes an id. */
  missingExample?: StarterRequest;
}
