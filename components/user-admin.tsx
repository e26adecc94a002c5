"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatTime } from "./format";
import { AdminSection, ErrorAlert, errorOf, selectClass } from "./settings/admin-kit";
import { Button } from "./ui/button";
import { Input, Label } from "./ui/input";
import { Table, Td, Th } from "./ui/table";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  senderIds: string[];
  manages: string[];
  createdAt: string;
}

const ROLES = ["admin", "manager", "marketer", "agent"] as const;

/** "a, b ,c" → ["a", "b", "c"] */
const list = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The workspace's users: create (with a first password), change role, remove. Admins cannot demote or remove themselves. */
export function UserAdmin({ initial, selfId, tz }: { initial: UserRow[]; selfId: string; tz: string }) {
  const t = useTranslations("users");
  const locale = useLocale();
  const [users, setUsers] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const roleLabel = (r: string) => t(`roles.${r as (typeof ROLES)[number]}`);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    const res = await fetch("/api/admin/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: form.get("email"),
        name: form.get("name"),
        role: form.get("role"),
        password: form.get("password"),
        senderIds: list(form.get("senderIds")),
        manages: list(form.get("manages")),
      }),
    });
    if (!res.ok) return setError(await errorOf(res, t("failed", { status: res.status })));
    const { user } = (await res.json()) as { user: UserRow };
    setUsers((u) => [...u, user]);
    formEl.reset();
  }

  async function changeRole(id: string, role: string) {
    setError(null);
    const res = await fetch(`/api/admin/users/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role }),
    });
    if (!res.ok) return setError(await errorOf(res, t("failed", { status: res.status })));
    const { user } = (await res.json()) as { user: UserRow };
    setUsers((u) => u.map((x) => (x.id === id ? user : x)));
  }

  async function remove(id: string) {
    setError(null);
    const res = await fetch(`/api/admin/users/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok) return setError(await errorOf(res, t("failed", { status: res.status })));
    setUsers((u) => u.filter((x) => x.id !== id));
  }

  return (
    <div className="flex flex-col gap-4">
      <ErrorAlert>{error}</ErrorAlert>
      <AdminSection id="new-user-heading" title={t("new")}>
        <form className="flex flex-wrap items-end gap-4" onSubmit={create} aria-label={t("new")}>
          <Label className="w-64">
            {t("email")}
            <Input name="email" type="email" required maxLength={254} autoComplete="off" />
          </Label>
          <Label className="w-48">
            {t("name")}
            <Input name="name" required maxLength={200} autoComplete="off" />
          </Label>
          <Label>
            {t("role")}
            <select name="role" defaultValue="agent" className={selectClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </Label>
          <Label className="w-56">
            {t("password")}
            <Input name="password" type="password" required minLength={12} maxLength={200} autoComplete="new-password" />
          </Label>
          <Label className="w-48">
            {t("senderIds")}
            <Input name="senderIds" placeholder={t("commaSeparated")} />
          </Label>
          <Label className="w-48">
            {t("manages")}
            <Input name="manages" placeholder={t("commaSeparated")} />
          </Label>
          <Button type="submit">{t("create")}</Button>
        </form>
      </AdminSection>
      <AdminSection id="users-heading" title={t("list")}>
        <Table>
          <thead>
            <tr>
              <Th>{t("name")}</Th>
              <Th>{t("email")}</Th>
              <Th>{t("role")}</Th>
              <Th>{t("senderIds")}</Th>
              <Th>{t("manages")}</Th>
              <Th>{t("created")}</Th>
              <Th>
                <span className="sr-only">{t("actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.email}`}>
                <Td className="font-medium">{u.name}</Td>
                <Td>{u.email}</Td>
                <Td>
                  {u.id === selfId ? (
                    <span title={t("selfHint")}>{roleLabel(u.role)}</span>
                  ) : (
                    <select
                      value={u.role}
                      onChange={(e) => changeRole(u.id, e.target.value)}
                      aria-label={t("roleOf", { name: u.name })}
                      className={selectClass}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r)}
                        </option>
                      ))}
                    </select>
                  )}
                </Td>
                <Td>{u.senderIds.join(", ") || "—"}</Td>
                <Td>{u.manages.join(", ") || "—"}</Td>
                <Td className="tabular-nums">{formatTime(u.createdAt, tz, locale)}</Td>
                <Td className="text-right">
                  {u.id !== selfId && (
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      onClick={() => remove(u.id)}
                      aria-label={t("removeName", { name: u.name })}
                    >
                      {t("remove")}
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </AdminSection>
    </div>
  );
}
