import { describe, expect, it } from "vitest";
import en from "../messages/en.json";
import zh from "../messages/zh-CN.json";

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe("message files", () => {
  it("have the same keys in every language", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("use the same placeholders in every translation", () => {
    const get = (o: unknown, path: string) => path.split(".").reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o);
    for (const k of keys(en)) {
      expect(placeholders(String(get(zh, k))), k).toEqual(placeholders(String(get(en, k))));
    }
  });
});
