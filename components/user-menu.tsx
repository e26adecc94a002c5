"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import styles from "./auth.module.css";

/** Who is signed in, and the two ways out: this browser, or every device (revokes all sessions). */
export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  async function signOut(everywhere: boolean) {
    setBusy(true);
    const post = (path: string) =>
      fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
    if (everywhere) await post("/api/auth/revoke-sessions");
    await post("/api/auth/sign-out");
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <details className={styles.userMenu}>
      <summary aria-label="Account">
        {name} <span className="subtle">({role})</span>
      </summary>
      <div className={styles.userMenuPanel}>
        <p className="subtle">{email}</p>
        <button type="button" onClick={() => signOut(false)} disabled={busy}>
          Sign out
        </button>
        <button type="button" onClick={() => signOut(true)} disabled={busy}>
          Sign out everywhere
        </button>
      </div>
    </details>
  );
}
