// Repeated logins to one account with a wrong password: a password-guessing client, which a rate
// limiter must refuse (429 + Retry-After) once the account's attempts per window are spent. Every
// attempt names the same account, so the per-account limit is what it spends; the account never
// exists, because a limiter must count guesses at any name (one that counted only real accounts
// would tell which exist), and so no run ever locks a seeded user out.
import type { RequestTemplate } from './templates.ts';

/** The account every attempt guesses at. */
export const GUESSED_ACCOUNT = 'login-guess@faultline.test';
const ROUTE = '/api/v1/auth/login';

export const loginWrongPassword: RequestTemplate = {
  name: 'auth.login-wrong-password',
  kind: 'read',
  method: 'POST',
  routeTemplate: ROUTE,
  unavailable: () => null,
  build: (ctx) => ({
    template: 'auth.login-wrong-password',
    kind: 'read',
    method: 'POST',
    routeTemplate: ROUTE,
    path: ROUTE,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: GUESSED_ACCOUNT, password: `guess-${Math.floor(ctx.rng() * 1_000_000)}` }),
  }),
};
