"use client";

import { useState } from "react";
import styles from "./auth.module.css";

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

async function errorOf(res: Response): Promise<string> {
  const body = await res.json().catch(() => null);
  return body?.error?.message ?? `The server answered ${res.status}.`;
}

/** API tokens of the workspace: create (value shown once), revoke. */
export function TokenAdmin({ initial }: { initial: TokenRow[] }) {
  const [tokens, setTokens] = useState(initial);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    const res = await fetch("/api/admin/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: form.get("name"), scopes: form.getAll("scopes") }),
    });
    if (!res.ok) return setError(await errorOf(res));
    const { token, secret } = (await res.json()) as { token: TokenRow; secret: string };
    setTokens((t) => [...t, token]);
    setSecret({ name: token.name, value: secret });
    formEl.reset();
  }

  async function revoke(id: string) {
    setError(null);
    const res = await fetch(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok) return setError(await errorOf(res));
    const { token } = (await res.json()) as { token: TokenRow };
    setTokens((t) => t.map((x) => (x.id === id ? token : x)));
  }

  return (
    <>
      {secret && (
        <div className="panel" role="status" data-testid="new-token">
          <p>
            Token <strong>{secret.name}</strong> — copy it now; it is not stored and will not be shown again:
          </p>
          <p className={styles.secret}>
            <code>{secret.value}</code>
          </p>
          <button type="button" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <form className={`panel ${styles.tokenForm}`} onSubmit={create} aria-label="New token">
        <label>
          Name <input name="name" required maxLength={64} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          <label>
            <input type="checkbox" name="scopes" value="ingest" /> ingest
          </label>
          <label>
            <input type="checkbox" name="scopes" value="read" defaultChecked /> read
          </label>
        </fieldset>
        <button type="submit">Create token</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Scopes</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.name}`}>
              <td>{t.name}</td>
              <td>{t.scopes.join(", ")}</td>
              <td>{when(t.createdAt)}</td>
              <td>{when(t.lastUsedAt)}</td>
              <td>{t.revokedAt ? `revoked ${when(t.revokedAt)}` : "active"}</td>
              <td>
                {!t.revokedAt && (
                  <button type="button" onClick={() => revoke(t.id)} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
