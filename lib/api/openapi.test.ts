import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
  });
}

describe("OpenAPI document", () => {
  it("describes every API route and method in app/api", async () => {
    const doc = openApiDocument();
    const root = path.join(process.cwd(), "app");
    for (const file of routeFiles(path.join(root, "api"))) {
      const route = "/" + path.relative(root, path.dirname(file)).replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
      const source = fs.readFileSync(file, "utf8");
      const methods = [...source.matchAll(/export (?:async function|const|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
        m[1].toLowerCase(),
      );
      expect(methods.length, route).toBeGreaterThan(0);
      for (const m of methods)
        expect((doc.paths as Record<string, Record<string, unknown>>)[route]?.[m], `${m.toUpperCase()} ${route}`).toBeDefined();
    }
  });

  it("carries the canonical event schema from the validator", () => {
    const schema = JSON.stringify(openApiDocument().components.schemas.CanonicalEvent);
    for (const type of ["message.sent", "message.delivered", "message.read", "message.failed", "conversation.read", "message.received"])
      expect(schema).toContain(type);
  });
});
