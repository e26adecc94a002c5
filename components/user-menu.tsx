"use client";

import { LogOut, MonitorX, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Role } from "@/lib/auth/roles";
import { Button } from "./ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

/** Who is signed in, and the two ways out: this browser, or every device (revokes all sessions). */
export function UserMenu({ name, email, role }: { name: string; email: string; role: Role }) {
  const t = useTranslations("account");
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
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t("label")} disabled={busy} data-testid="user-menu">
          <UserRound aria-hidden />
          <span className="hidden max-w-40 truncate sm:inline">{name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="min-w-56">
        <DropdownMenuLabel className="flex flex-col gap-0.5">
          <span className="text-sm font-medium text-foreground">{name}</span>
          <span>{email}</span>
          <span>{t(`roles.${role}`)}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem disabled={busy} onSelect={() => signOut(false)}>
          <LogOut className="size-4" aria-hidden />
          {t("signOut")}
        </DropdownMenuItem>
        <DropdownMenuItem disabled={busy} onSelect={() => signOut(true)}>
          <MonitorX className="size-4" aria-hidden />
          {t("signOutEverywhere")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
