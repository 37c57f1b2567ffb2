// The embedded Toxiproxy-compatible server: the programmatic entry. See README.md in this folder.
export { startToxiproxyServer, TOXIPROXY_VERSION } from './server.ts';
export type { StartedToxiproxyServer, ToxiproxyServerOptions } from './server.ts';
export type { ProxyJson } from './proxy.ts';
export type { ProxyFields } from './proxy-collection.ts';
export type { ToxicJson } from './toxic-collection.ts';
export { ToxiproxyApiError, type ToxiproxyErrorCode } from './errors.ts';
export { toxicTypeNames } from './toxics/registry.ts';
