// The shapes of API request bodies, checked once at the edge. Like Toxiproxy's JSON decoding,
// unknown fields are ignored and null means "not given"; a wrong type is `400 bad request body`.
import { z } from 'zod';
import { apiErrors } from '../errors.ts';
import type { ProxyFields } from '../proxy-collection.ts';
import type { NewToxicFields, ToxicUpdateFields } from '../toxic-collection.ts';

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

const proxyBody = z.object({
  name: optional(z.string()),
  listen: optional(z.string()),
  upstream: optional(z.string()),
  enabled: optional(z.boolean()),
});

const toxicBody = z.object({
  name: optional(z.string()),
  type: optional(z.string()),
  stream: optional(z.string()),
  toxicity: optional(z.number()),
  attributes: optional(z.record(z.string(), z.unknown())),
});

const toxicUpdateBody = toxicBody.pick({ toxicity: true, attributes: true });

/** Go's decoder answers "EOF" for an empty body; clients have seen that message for years. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw apiErrors.badRequestBody('EOF');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw apiErrors.badRequestBody((error as Error).message, error);
  }
}

function check<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  throw apiErrors.badRequestBody(`${where}${issue?.message ?? 'invalid'}`, result.error);
}

export function parseProxyBody(body: unknown): ProxyFields {
  return check(proxyBody, body);
}

export function parseProxyList(body: unknown): ProxyFields[] {
  return check(z.array(proxyBody), body);
}

export function parseToxicBody(body: unknown): NewToxicFields {
  return check(toxicBody, body);
}

export function parseToxicUpdateBody(body: unknown): ToxicUpdateFields {
  return check(toxicUpdateBody, body);
}
