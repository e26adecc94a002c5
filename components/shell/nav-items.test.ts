import { describe, expect, it } from "vitest";
import { isActive, NAV_ITEMS } from "./nav-items";

describe("navigation", () => {
  it("lists the five sections in order", () => {
    expect(NAV_ITEMS.map((i) => i.id)).toEqual(["overview", "campaigns", "announcements", "support", "settings"]);
  });

  it("marks the section of the current page", () => {
    expect(isActive({ href: "/" }, "/")).toBe(true);
    expect(isActive({ href: "/" }, "/campaigns")).toBe(false);
    expect(isActive({ href: "/campaigns" }, "/campaigns/launch")).toBe(true);
    expect(isActive({ href: "/campaigns" }, "/campaigns-old")).toBe(false);
  });
});
