// Handlers for /proxies/{proxy}/toxics. Creating a toxic answers 200, not 201, as Toxiproxy does.
import type { ProxyCollection } from '../proxy-collection.ts';
import { toxicToJson } from '../toxic-collection.ts';
import type { Handler } from './http-api.ts';
import { parseToxicBody, parseToxicUpdateBody } from './request-bodies.ts';

export function toxicHandlers(proxies: ProxyCollection) {
  const index: Handler = (request) => ({
    status: 200,
    json: proxies.get(request.params.proxy!).toxics.list().map(toxicToJson),
  });

  const create: Handler = (request) => {
    const toxics = proxies.get(request.params.proxy!).toxics;
    return { status: 200, json: toxicToJson(toxics.add(parseToxicBody(request.json()))) };
  };

  const show: Handler = (request) => {
    const toxics = proxies.get(request.params.proxy!).toxics;
    return { status: 200, json: toxicToJson(toxics.get(request.params.toxic!)) };
  };

  /** PATCH (and POST, deprecated) merges: only toxicity and attributes can change. */
  const update: Handler = (request) => {
    const toxics = proxies.get(request.params.proxy!).toxics;
    const name = request.params.toxic!;
    toxics.get(name);
    return { status: 200, json: toxicToJson(toxics.update(name, parseToxicUpdateBody(request.json()))) };
  };

  const remove: Handler = (request) => {
    proxies.get(request.params.proxy!).toxics.remove(request.params.toxic!);
    return { status: 204 };
  };

  return { index, create, show, update, remove };
}
