import { defineConfig } from "prisma/config";

// The datasource URL is only needed by `prisma migrate deploy` run by users with network access;
// the app applies migrations itself (lib/db/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/receipts" },
});
