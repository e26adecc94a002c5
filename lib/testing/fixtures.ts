import type { Db } from "../db/client";
import { applyProvision } from "../provision";

export const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
export const TOKEN = "rk_test_token_acme_0001";
export const OTHER_TOKEN = "rk_test_token_other_0001";
export const ADMIN_TOKEN = "rk_test_token_acme_admin";

/** Two workspaces with a generic source and a token each. */
export async function provisionFixtures(db: Db): Promise<void> {
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
      },
      {
        slug: "other",
        name: "Other",
        timezone: "UTC",
        sources: [{ id: "other-gen", platform: "generic", name: "Generic", secret: SECRET }],
        tokens: [{ name: "ci", token: OTHER_TOKEN, scopes: ["ingest", "read"] }],
      },
    ],
  });
}
