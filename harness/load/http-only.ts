// k6 speaks HTTP; the load's Socket.IO sessions (kind 'socket') it cannot run. A mix that holds one
// is refused before anything starts, naming the template — never run with the sessions silently
// left out, which would judge a different load than the scenario declares.
import { LoadError } from './errors.ts';
import { resolveMix, type Mix } from './mix.ts';
import type { LoadContext } from './types.ts';

/** Throws TEMPLATE_UNSUPPORTED when the mix gives weight to a template `engine` cannot send. */
export function refuseNonHttpTemplates(
  mix: Mix,
  catalog: Pick<LoadContext, 'requests' | 'defaultMix'>,
  engine: string,
): void {
  const sockets = resolveMix(mix, catalog).filter((entry) => catalog.requests[entry.template]?.kind === 'socket');
  if (sockets.length === 0) return;
  const names = sockets.map((entry) => `"${entry.template}"`).join(', ');
  throw new LoadError(
    'TEMPLATE_UNSUPPORTED',
    `${engine} cannot run the Socket.IO request template ${names} of this load mix (it speaks HTTP only); use the builtin engine`,
  );
}
