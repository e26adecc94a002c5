import { headers } from "next/headers";
import Link from "next/link";
import { navFor, SECTION_LABELS, SECTION_PATHS } from "@/lib/auth/roles";
import { sessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { UserMenu } from "./user-menu";

// Placeholder shell wiring until the new app shell lands: the sections the signed-in user's role
// may see (navFor) and the user menu. Nothing for anonymous visitors.
export async function SessionNav() {
  const user = await sessionUser(await getDb(), await headers());
  if (!user) return null;
  return (
    <>
      <nav aria-label="Main">
        {navFor(user.role).map((s) => (
          <Link key={s} href={SECTION_PATHS[s]}>
            {SECTION_LABELS[s]}
          </Link>
        ))}
      </nav>
      <UserMenu name={user.name} email={user.email} role={user.role} />
    </>
  );
}
