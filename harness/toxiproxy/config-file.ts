// The proxies file of `faultline proxy --config`, in the format of Toxiproxy's `-config`: a JSON
// array of { name, listen, upstream, enabled? }. Checked before the server starts.
import { z } from 'zod';
import type { ProxyFields } from './proxy-collection.ts';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

export class ProxyConfigError extends FaultlineError {
  readonly code = 'PROXY_CONFIG_INVALID';
  readonly exitCode = ExitCode.InvalidInput;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProxyConfigError';
  }
}

const proxyEntry = z.object({
  name: z.string({ error: 'name is required (a string)' }).min(1, 'name is required'),
  listen: z.string({ error: 'listen must be a string "host:port"' }).optional(),
  upstream: z.string({ error: 'upstream is required (a string "host:port")' }).min(1, 'upstream is required'),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
});

const proxyList = z.array(proxyEntry);

export function parseProxyConfig(text: string): ProxyFields[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProxyConfigError(`not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`, { cause: error });
  }
  const result = proxyList.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const [index, ...field] = issue.path;
  const where =
    typeof index === 'number' ? `proxy ${index + 1}${field.length > 0 ? ` (${field.join('.')})` : ''}: ` : '';
  const problem = issue.path.length === 0 ? 'expected a JSON array of proxies' : issue.message;
  throw new ProxyConfigError(`${where}${problem}`, { cause: result.error });
}
