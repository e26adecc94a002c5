"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

/**
 * Re-renders the server page every few seconds while the tab is visible, never starting a refresh
 * while the previous one is still rendering (a slow page must not pile up work on the server).
 */
export function AutoRefresh({ everyMs = 5000 }: { everyMs?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  useEffect(() => {
    busy.current = pending;
  }, [pending]);
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible" && !busy.current) startTransition(() => router.refresh());
    }, everyMs);
    return () => clearInterval(id);
  }, [router, everyMs]);
  return null;
}
