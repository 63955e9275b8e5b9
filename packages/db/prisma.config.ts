import { defineConfig, env } from 'prisma/config';

// The owner role's URL: Prisma's CLI (studio, and migrate on machines that have its engine)
// works as the role that owns the tables. The app itself never reads this file.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: env('DATABASE_OWNER_URL') },
});
