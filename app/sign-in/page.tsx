import { headers } from "next/headers";
import { redirect } from "next/navigation";
import styles from "@/components/auth.module.css";
import { SignInForm } from "@/components/sign-in-form";
import { sessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await sessionUser(await getDb(), await headers())) redirect("/");
  return (
    <div className={styles.signInPage}>
      <h1>Sign in to Receipts</h1>
      <p className="subtle">Accounts are created by your workspace admin.</p>
      <SignInForm />
    </div>
  );
}
