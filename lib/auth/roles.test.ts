import { describe, expect, it } from "vitest";
import { canSee, navFor, ROLES, rolesFor, SECTIONS } from "./roles";

describe("navFor", () => {
  it("gives admins every section and settings to nobody else", () => {
    expect(navFor("admin")).toEqual(SECTIONS);
    for (const r of ROLES.filter((r) => r !== "admin")) expect(canSee(r, "settings"), r).toBe(false);
  });

  it("keeps marketers to campaigns and agents away from campaigns and announcements", () => {
    expect(navFor("marketer")).toEqual(["overview", "campaigns"]);
    expect(navFor("agent")).toEqual(["overview", "support", "messages"]);
    expect(navFor("manager")).toEqual(["overview", "announcements", "support", "messages"]);
  });

  it("lists sections in navigation order", () => {
    for (const r of ROLES) expect([...navFor(r)]).toEqual(SECTIONS.filter((s) => navFor(r).includes(s)));
  });
});

describe("rolesFor", () => {
  it("names the roles whose navigation holds the section (the API routes behind it use it)", () => {
    expect(rolesFor("campaigns")).toEqual(["admin", "marketer"]);
    expect(rolesFor("announcements")).toEqual(["admin", "manager"]);
    expect(rolesFor("support")).toEqual(["admin", "manager", "agent"]);
    expect(rolesFor("overview")).toEqual(ROLES);
  });
});
