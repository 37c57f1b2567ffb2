// The smallest valid target, as config-file source: the fields of a `defineTarget({ ... })` for a
// made-up shop service, for tests that write a config file and change one thing in it.
export const SHOP_TARGET_FIELDS = `name: 'shop',
  app: { command: ['node', 'server.js'], inject: { databaseUrl: 'SHOP_DB', port: 'SHOP_PORT' } },
  database: { migrate: { sql: 'schema.sql' } },
  health: { endpoints: { ready: '/ready' }, ready: 'ready' },
  requests: { home: { kind: 'read', build: () => ({ method: 'GET', path: '/' }) } },
  defaultMix: { home: 1 },`;
