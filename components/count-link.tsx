"use client";

import Link from "next/link";
import { cn } from "./ui/cn";

/**
 * A count that opens the list of deliveries behind it (the drill-down contract, lib/ui/drill-down.ts).
 * Without an href (a count no filter can reproduce) it is plain text.
 */
export function CountLink({
  href,
  children,
  className,
  label,
  testId,
}: {
  href: string | null | undefined;
  children: React.ReactNode;
  className?: string;
  /** An accessible name when the visible text alone would be ambiguous. */
  label?: string;
  testId?: string;
}) {
  if (!href) return <span className={className}>{children}</span>;
  return (
    <Link
      href={href}
      // A screen holds dozens of counts: prefetching each list would cost a server render apiece.
      prefetch={false}
      aria-label={label}
      data-testid={testId}
      className={cn("rounded-sm underline decoration-dotted underline-offset-4 hover:text-primary hover:decoration-solid", className)}
    >
      {children}
    </Link>
  );
}
