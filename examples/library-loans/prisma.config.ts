// Prisma CLI configuration for the example service (its own schema and migrations).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.LIBRARY_DB ?? 'postgresql://localhost:5432/library' },
});
