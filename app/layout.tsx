import type { Metadata } from "next";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { Providers } from "@/components/shell/providers";
import "./globals.css";

// Every page, the not-found page included, renders per request: its scripts must carry the
// nonce of that response's Content Security Policy (proxy.ts).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("title"), description: t("description") };
}

// The app shell is in app/(app)/layout.tsx; sign-in has its own layout without it.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  // next-themes sets the theme class with an inline script before hydration: it needs this
  // response's nonce to run under the Content Security Policy.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang={locale} suppressHydrationWarning>
      <body>
        <NextIntlClientProvider>
          <Providers nonce={nonce}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
