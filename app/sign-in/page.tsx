import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/sign-in-form";
import { Card, CardContent } from "@/components/ui/card";
import { sessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await sessionUser(await getDb(), await headers())) redirect("/");
  const t = await getTranslations("signIn");
  return (
    <Card className="w-full max-w-sm" aria-labelledby="sign-in-heading">
      <CardContent className="flex flex-col gap-4 p-6">
        <div className="flex flex-col gap-1">
          <h1 id="sign-in-heading" className="text-xl font-semibold tracking-tight">
            {t("title")}
          </h1>
          <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
        </div>
        <SignInForm />
      </CardContent>
    </Card>
  );
}
