// The reference app's requests in the target contract's terms: each request template over the seed
// manifest becomes a named request of the target, its P2025 probes the `missing` kind.
import type { BuiltRequest, PrepareContext, RequestDefinition, RequestKind } from '../../harness/target/types.ts';
import { ensureSeedManifest, type SeedManifest } from './manifest.ts';
import { PRESENCE_REQUESTS } from './presence-requests.ts';
import { TEMPLATES } from './templates.ts';
import { mintTokens, type TokenBook } from './tokens.ts';

/** What the reference app's requests are built from: the seeded ids and a token per seeded user. */
export interface ReferenceState {
  seed: SeedManifest;
  tokens: TokenBook;
}

/** The manifest the seeding returned (or, against a database seeded before, read back), and tokens. */
export async function prepareReference(context: PrepareContext): Promise<ReferenceState> {
  const seed =
    (context.seeded as SeedManifest | undefined) ?? (await ensureSeedManifest(context.databaseUrl, context.seed));
  // The app's secret as the harness started it; for a stack started elsewhere, --app-env JWT_SECRET=…
  // or FAULTLINE_JWT_SECRET (what docker-compose.yml's stack documents).
  const secret = context.appEnv.JWT_SECRET ?? process.env.FAULTLINE_JWT_SECRET;
  if (secret === undefined)
    throw new Error(
      "the reference app signs tokens with JWT_SECRET: give the running app's with --app-env JWT_SECRET=… (or FAULTLINE_JWT_SECRET)",
    );
  // A token for a user id that never existed: the deleted-user probes work on any seed.
  const ghostUserId = `00000000-0000-4000-8000-${(context.seed >>> 0).toString(16).padStart(12, '0').slice(-12)}`;
  return { seed, tokens: await mintTokens(seed, secret, [ghostUserId]) };
}

function kindOf(kind: string): RequestKind {
  if (kind === 'p2025-probe') return 'missing';
  if (kind === 'read' || kind === 'write' || kind === 'socket') return kind;
  throw new Error(`a request template of kind ${kind} has no place in the target contract`);
}

/**
 * Requests the catalog's scenarios must not pick by kind, only a scenario naming them: a caller whose
 * account was deleted (the app rightly answers 401, not the kind's answer), a password guess, a
 * write racing a delete.
 */
const BY_NAME_ONLY = /-deleted(-user)?$|^race\.|^auth\.login-wrong-password$/;

export const REFERENCE_REQUESTS: Record<string, RequestDefinition<ReferenceState>> = {
  ...templateRequests(),
  ...PRESENCE_REQUESTS,
};

function templateRequests(): Record<string, RequestDefinition<ReferenceState>> {
  return Object.fromEntries(
    [...TEMPLATES].map(([name, template]) => [
      name,
      {
        kind: kindOf(template.kind),
        ...(BY_NAME_ONLY.test(name) ? { byNameOnly: true } : {}),
        // Updates and deletes racing each other, and a fire-and-forget heartbeat: nothing to read back.
        ...(template.kind === 'write' && name !== 'tickets.create' ? { readBack: false as const } : {}),
        ...(template.kind === 'socket' ? { tags: ['chat'] } : {}),
        unavailable: ({ state }) => template.unavailable(state.seed, state.tokens),
        build: (context): BuiltRequest => {
          const spec = template.build({
            seed: context.state.seed,
            tokens: context.state.tokens,
            rng: context.rng,
            nextClientKey: context.nextKey,
          });
          return {
            method: spec.method,
            path: spec.path,
            route: spec.routeTemplate,
            headers: spec.headers,
            body: spec.body,
            key: spec.clientKey,
            session: spec.session,
          };
        },
      },
    ]),
  );
}
