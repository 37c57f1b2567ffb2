// Handlers for /proxies, /populate, /reset and /version.
import { ToxiproxyApiError } from '../errors.ts';
import type { ProxyCollection } from '../proxy-collection.ts';
import type { ApiReply, Handler } from './http-api.ts';
import { parseProxyBody, parseProxyList } from './request-bodies.ts';

export function proxyHandlers(proxies: ProxyCollection, version: string) {
  const index: Handler = () => ({
    status: 200,
    json: Object.fromEntries(proxies.list().map((proxy) => [proxy.name, proxy.toJSON()])),
  });

  const create: Handler = async (request) => {
    const proxy = await proxies.create(parseProxyBody(request.json()));
    return { status: 201, json: proxy.toJSON() };
  };

  const show: Handler = (request) => ({ status: 200, json: proxies.get(request.params.proxy!).toJSON() });

  /** PATCH (and POST, deprecated): fields left out keep the proxy's current values. */
  const update: Handler = async (request) => {
    const proxy = proxies.get(request.params.proxy!);
    const fields = parseProxyBody(request.json());
    await proxy.update({
      listen: fields.listen ?? proxy.listen,
      upstream: fields.upstream ?? proxy.upstream,
      enabled: fields.enabled ?? proxy.enabled,
    });
    return { status: 200, json: proxy.toJSON() };
  };

  const remove: Handler = async (request) => {
    await proxies.remove(request.params.proxy!);
    return { status: 204 };
  };

  /** Toxiproxy answers populate errors with the proxies applied so far beside the error. */
  const populate: Handler = async (request): Promise<ApiReply> => {
    try {
      const result = await proxies.populate(parseProxyList(request.json()));
      const json = result.proxies.map((proxy) => proxy.toJSON());
      if (result.error === undefined) return { status: 201, json: { proxies: json } };
      return { status: result.error.status, json: { ...result.error.toJSON(), proxies: json } };
    } catch (error) {
      if (!(error instanceof ToxiproxyApiError)) throw error;
      return { status: error.status, json: { ...error.toJSON(), proxies: null } };
    }
  };

  const reset: Handler = async () => {
    await proxies.reset();
    return { status: 204 };
  };

  const showVersion: Handler = () => ({
    status: 200,
    text: `${JSON.stringify({ version }).replace(':', ': ')}\n`,
    contentType: 'application/json;charset=utf-8',
  });

  return { index, create, show, update, remove, populate, reset, showVersion };
}
