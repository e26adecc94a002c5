import { describe, expect, it } from "vitest";
import { provisionSchema } from "../lib/provision";
import { DEMO_USERS, demoTeams } from "./demo-people";

describe("demo people", () => {
  it("are a valid provision entry with one user per role, and the manager's teams exist", () => {
    const parsed = provisionSchema.parse({ workspaces: [{ slug: "demo", name: "Demo", teams: demoTeams(), users: DEMO_USERS }] });
    const ws = parsed.workspaces[0];
    expect(ws.users.map((u) => u.role).sort()).toEqual(["admin", "agent", "manager", "marketer"]);
    const teamIds = ws.teams.map((t) => t.id);
    for (const u of ws.users) for (const t of u.manages) expect(teamIds).toContain(t);
  });
});
