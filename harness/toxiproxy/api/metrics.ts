// GET /metrics in Prometheus text format. The byte counters use Toxiproxy's metric names and
// labels; connections and active toxics are Faultline additions, under the same prefix.
import type { ProxyCollection } from '../proxy-collection.ts';
import type { Stream } from '../toxics/toxic.ts';
import type { Handler } from './http-api.ts';

const STREAMS: readonly Stream[] = ['upstream', 'downstream'];

function labels(values: Record<string, string>): string {
  const escaped = Object.entries(values).map(
    ([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${escaped.join(',')}}`;
}

export function renderMetrics(proxies: ProxyCollection): string {
  const received: string[] = [];
  const sent: string[] = [];
  const connections: string[] = [];
  const toxics: string[] = [];
  for (const proxy of proxies.list()) {
    for (const direction of STREAMS) {
      const label = labels({ direction, listener: proxy.listen, proxy: proxy.name, upstream: proxy.upstream });
      received.push(`toxiproxy_proxy_received_bytes_total${label} ${proxy.counters[direction].receivedBytes}`);
      sent.push(`toxiproxy_proxy_sent_bytes_total${label} ${proxy.counters[direction].sentBytes}`);
    }
    connections.push(`toxiproxy_proxy_connections_active${labels({ proxy: proxy.name })} ${proxy.connectionCount}`);
    for (const toxic of proxy.toxics.list()) {
      toxics.push(
        `toxiproxy_proxy_toxic_active${labels({ proxy: proxy.name, toxic: toxic.name, type: toxic.type.type, stream: toxic.stream })} 1`,
      );
    }
  }
  return [
    '# HELP toxiproxy_proxy_received_bytes_total Bytes read from the sending side of each direction.',
    '# TYPE toxiproxy_proxy_received_bytes_total counter',
    ...received,
    '# HELP toxiproxy_proxy_sent_bytes_total Bytes written to the receiving side of each direction.',
    '# TYPE toxiproxy_proxy_sent_bytes_total counter',
    ...sent,
    '# HELP toxiproxy_proxy_connections_active Client connections open through each proxy.',
    '# TYPE toxiproxy_proxy_connections_active gauge',
    ...connections,
    '# HELP toxiproxy_proxy_toxic_active Toxics currently configured, one series per toxic.',
    '# TYPE toxiproxy_proxy_toxic_active gauge',
    ...toxics,
    '',
  ].join('\n');
}

export function metricsHandler(proxies: ProxyCollection): Handler {
  return () => ({ status: 200, text: renderMetrics(proxies), contentType: 'text/plain; version=0.0.4; charset=utf-8' });
}
