// A target's `app.build`: what makes the app runnable from its sources (generating a Prisma client,
// compiling), run once per process before the app first starts — never by the harness for one app
// in particular. A build that fails stops the environment with what it printed.
import { runCommandStep } from './database.ts';
import type { Target } from './types.ts';

const built = new Map<string, Promise<void>>();

export function buildApp(target: Target): Promise<void> {
  const step = target.app.build;
  if (step === undefined) return Promise.resolve();
  const key = `${target.root}\0${target.name}`;
  let done = built.get(key);
  if (done === undefined) {
    done = (typeof step === 'function' ? step() : runCommandStep(target, 'app.build', step)).then(() => undefined);
    // A failed build is tried again by the next start: the user may have fixed it meanwhile.
    done.catch(() => built.delete(key));
    built.set(key, done);
  }
  return done;
}
