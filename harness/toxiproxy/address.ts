// "host:port" strings as Toxiproxy takes and reports them ("localhost:0", "[::1]:5432", ":8474").
import type { AddressInfo } from 'node:net';
import { apiErrors } from './errors.ts';

export interface HostPort {
  /** Empty means every interface (listen) or localhost (connect), as in Go. */
  host: string;
  port: number;
}

export function parseHostPort(address: string, operation: 'listen' | 'dial'): HostPort {
  // Go listens on every interface with a free port for "", and picks the port for "host:".
  if (address === '' && operation === 'listen') return { host: '', port: 0 };
  const colon = address.lastIndexOf(':');
  if (colon < 0) throw apiErrors.listenFailed(`${operation} tcp: address ${address}: missing port in address`);
  let host = address.slice(0, colon);
  const portText = address.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = portText === '' && operation === 'listen' ? 0 : Number(portText);
  if (!/^\d*$/.test(portText) || Number.isNaN(port) || port > 65_535 || (portText === '' && operation === 'dial')) {
    throw apiErrors.listenFailed(`${operation} tcp: address ${address}: invalid port`);
  }
  return { host, port };
}

/** What to hand `net.Server.listen`: Go listens on IPv4 first for "localhost". */
export function listenHost(host: string): string | undefined {
  if (host === '') return undefined;
  if (host === 'localhost') return '127.0.0.1';
  return host;
}

export function formatAddress(address: AddressInfo): string {
  return address.family === 'IPv6' ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
}

/** Go's wording for listen errors, which clients of the real server see. */
export function describeListenError(address: string, error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    EADDRINUSE: 'bind: address already in use',
    EADDRNOTAVAIL: 'bind: cannot assign requested address',
    EACCES: 'bind: permission denied',
  };
  const reason = (error.code !== undefined ? reasons[error.code] : undefined) ?? error.message;
  return `listen tcp ${address}: ${reason}`;
}
