"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatTime } from "./format";
import { AdminSection, ErrorAlert, errorOf, ShownOnce } from "./settings/admin-kit";
import { Button } from "./ui/button";
import { Input, Label } from "./ui/input";
import { Table, Td, Th } from "./ui/table";

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const SCOPES = ["ingest", "read"] as const;

/** API tokens of the workspace: create (value shown once), revoke. Times in the workspace's zone. */
export function TokenAdmin({ initial, tz }: { initial: TokenRow[]; tz: string }) {
  const t = useTranslations("tokens");
  const locale = useLocale();
  const when = (iso: string | null) => (iso ? formatTime(iso, tz, locale) : "—");
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
    if (!res.ok) return setError(await errorOf(res, t("failed", { status: res.status })));
    const { token, secret } = (await res.json()) as { token: TokenRow; secret: string };
    setTokens((t) => [...t, token]);
    setSecret({ name: token.name, value: secret });
    formEl.reset();
  }

  async function revoke(id: string) {
    setError(null);
    const res = await fetch(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok) return setError(await errorOf(res, t("failed", { status: res.status })));
    const { token } = (await res.json()) as { token: TokenRow };
    setTokens((t) => t.map((x) => (x.id === id ? token : x)));
  }

  return (
    <div className="flex flex-col gap-4">
      {secret && (
        <ShownOnce
          testId="new-token"
          message={t("copyNow", { name: secret.name })}
          value={secret.value}
          copyLabel={t("copyToken", { name: secret.name })}
          onDone={() => setSecret(null)}
        />
      )}
      <ErrorAlert>{error}</ErrorAlert>
      <AdminSection id="new-token-heading" title={t("new")}>
        <form className="flex flex-wrap items-end gap-4" onSubmit={create} aria-label={t("new")}>
          <Label className="w-64">
            {t("name")}
            <Input name="name" required maxLength={64} />
          </Label>
          <fieldset className="flex items-center gap-3 text-sm">
            <legend className="mb-1.5 font-medium">{t("scopes")}</legend>
            {SCOPES.map((s) => (
              <label key={s} className="inline-flex items-center gap-1.5">
                <input type="checkbox" name="scopes" value={s} defaultChecked={s === "read"} className="size-4 accent-primary" />
                {s}
              </label>
            ))}
          </fieldset>
          <Button type="submit">{t("create")}</Button>
        </form>
      </AdminSection>
      <AdminSection id="tokens-heading" title={t("list")}>
        {tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("scopes")}</Th>
                <Th>{t("created")}</Th>
                <Th>{t("lastUsed")}</Th>
                <Th>{t("status")}</Th>
                <Th>
                  <span className="sr-only">{t("actions")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => (
                <tr key={tk.id} data-testid={`token-${tk.name}`}>
                  <Td className="font-medium">{tk.name}</Td>
                  <Td>{tk.scopes.join(", ")}</Td>
                  <Td className="tabular-nums">{when(tk.createdAt)}</Td>
                  <Td className="tabular-nums">{when(tk.lastUsedAt)}</Td>
                  <Td>{tk.revokedAt ? t("revokedAt", { time: when(tk.revokedAt) }) : t("active")}</Td>
                  <Td className="text-right">
                    {!tk.revokedAt && (
                      <Button
                        type="button"
                        variant="outline"
                        size="sm"
                        onClick={() => revoke(tk.id)}
                        aria-label={t("revokeName", { name: tk.name })}
                      >
                        {t("revoke")}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </AdminSection>
    </div>
  );
}
