import type { Db } from "../db/client";
import { applyProvision } from "../provision";

export const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
export const TOKEN = "rk_test_token_acme_0001";
export const OTHER_TOKEN = "rk_test_token_other_0001";
export const PASSWORD = "correct-horse-battery-staple";
export const ADMIN_TOKEN = "rk_test_token_acme_admin";

/** Signed-in people: one per role in acme (team-a = agent-1 and agent-2; team-b = agent-3), and another workspace's admin. */
export const PEOPLE = {
  admin: "admin@acme.test",
  manager: "manager@acme.test",
  marketer: "marketer@acme.test",
  agent: "agent@acme.test",
  otherAdmin: "admin@other.test",
} as const;

/** Two workspaces with a generic source and a token each; with `people`, also teams and users. */
export async function provisionFixtures(db: Db, opts: { people?: boolean } = {}): Promise<void> {
  const people = opts.people;
  await applyProvision(db, {
    workspaces: [
      {
        slug: "acme",
        name: "Acme",
        timezone: "Asia/Shanghai",
        sources: [{ id: "acme-gen", platform: "generic", name: "Generic", secret: SECRET }],
        tokens: [
          { name: "ci", token: TOKEN, scopes: ["ingest", "read"] },
          { name: "reader", token: "rk_test_token_acme_read", scopes: ["read"] },
          { name: "admin", token: ADMIN_TOKEN, scopes: ["admin"] },
        ],
        teams: people
          ? [
              {
                id: "team-a",
                name: "Team A",
                members: [
                  { id: "agent-1", name: "Alice" },
                  { id: "agent-2", name: "Bob" },
                ],
              },
              { id: "team-b", name: "Team B", members: [{ id: "agent-3", name: "Carol" }] },
            ]
          : [],
        users: people
          ? [
              { email: PEOPLE.admin, name: "Ada Admin", role: "admin", password: PASSWORD },
              {
                email: PEOPLE.manager,
                name: "Max Manager",
                role: "manager",
                password: PASSWORD,
                senderIds: ["mgr-1"],
                manages: ["team-a"],
              },
              { email: PEOPLE.marketer, name: "Mia Marketer", role: "marketer", password: PASSWORD },
              { email: PEOPLE.agent, name: "Alice Agent", role: "agent", password: PASSWORD, senderIds: ["agent-1"] },
            ]
          : [],
      },
      {
        slug: "other",
        name: "Other",
        timezone: "UTC",
        sources: [{ id: "other-gen", platform: "generic", name: "Generic", secret: SECRET }],
        tokens: [{ name: "ci", token: OTHER_TOKEN, scopes: ["ingest", "read"] }],
        users: people ? [{ email: PEOPLE.otherAdmin, name: "Otto Other", role: "admin", password: PASSWORD }] : [],
      },
    ],
  });
}
