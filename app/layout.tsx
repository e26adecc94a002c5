import type { Metadata } from "next";
import Link from "next/link";
import { SessionNav } from "@/components/session-nav";
import "./globals.css";

// Every page, the not-found page included, renders per request: its scripts must carry the
// nonce of that response's Content Security Policy (proxy.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Receipts — read-receipt analytics",
  description: "Delivery and read receipts from IM platforms, stored durably and shown live.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            Receipts
          </Link>
          <SessionNav />
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
