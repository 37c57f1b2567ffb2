// A toxic fault is applied and reverted by its window's name through the real client, as the
// scheduler does it: window names such as 'dbLatency#1' must survive the trip through the URL.
import { afterAll, expect, it } from 'vitest';
import { closeAll, startTcpServer, startTestToxiproxy } from '../toxiproxy/testing/fixtures.ts';
import { dbLatency } from './db-latency.ts';
import { proxyControl, toxicName } from './proxy-control.ts';

afterAll(closeAll);

it('removes the toxic it added for a window whose name holds a #', async () => {
  const { client, server } = await startTestToxiproxy();
  const upstream = await startTcpServer();
  const proxy = await client.createProxy({
    name: 'postgres',
    listen: '127.0.0.1:0',
    upstream: `127.0.0.1:${upstream.port}`,
  });
  // The one control it declares: the database proxy.
  const controls = { dbProxy: proxyControl(client, proxy.name) };
  const fault = dbLatency.schema.parse(dbLatency({ latencyMs: 100 }));

  const toxicNames = async (): Promise<string[]> =>
    ((await (await fetch(`${server.url}/proxies/${proxy.name}/toxics`)).json()) as { name: string }[]).map(
      (toxic) => toxic.name,
    );

  await dbLatency.apply(controls, fault, 'dbLatency#1');
  expect(await toxicNames()).toEqual(['dbLatency_1']);
  await dbLatency.revert!(controls, fault, 'dbLatency#1');
  expect(await toxicNames()).toEqual([]);
});

it('keeps names Toxiproxy can carry in a path, and tells windows apart', () => {
  expect(toxicName('dbLatency#1')).toBe('dbLatency_1');
  expect(toxicName('dbLatency#12')).not.toBe(toxicName('dbLatency#1'));
  expect(toxicName('latency_downstream')).toBe('latency_downstream');
});
