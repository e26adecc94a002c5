import { describe, expect, it } from "vitest";
import { SECTIONS } from "@/lib/auth/roles";
import { isActive, NAV_ITEMS, navItemsFor } from "./nav-items";

describe("navigation", () => {
  it("lists every section in order", () => {
    expect(NAV_ITEMS.map((i) => i.id)).toEqual([...SECTIONS]);
  });

  it("shows each role only its sections", () => {
    expect(navItemsFor("admin").map((i) => i.id)).toEqual([...SECTIONS]);
    expect(navItemsFor("marketer").map((i) => i.id)).toEqual(["overview", "campaigns"]);
    expect(navItemsFor("agent").map((i) => i.id)).toEqual(["overview", "support", "messages"]);
    expect(navItemsFor("manager").map((i) => i.id)).toEqual(["overview", "announcements", "support", "messages"]);
  });

  it("marks the section of the current page", () => {
    expect(isActive({ href: "/" }, "/")).toBe(true);
    expect(isActive({ href: "/" }, "/campaigns")).toBe(false);
    expect(isActive({ href: "/campaigns" }, "/campaigns/launch")).toBe(true);
    expect(isActive({ href: "/campaigns" }, "/campaigns-old")).toBe(false);
    expect(isActive({ href: "/messages" }, "/messages/m-1")).toBe(true);
  });
});
