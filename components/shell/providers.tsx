"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState } from "react";
import { z } from "zod";

// Zod probes for eval (`Function("")`) before compiling fast parsers; our Content Security Policy
// forbids eval in the browser, so the probe would be reported as a violation. Client-side parsing
// is small: use the interpreter there (the server keeps the JIT for ingestion).
z.config({ jitless: true });

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Freshness comes from the live stream (LiveUpdates invalidates), not from timers.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // 4xx answers (bad filter, forbidden) will not get better by retrying.
        retry: (count, err) => {
          const status = (err as { status?: number }).status ?? 0;
          return count < 2 && (status < 400 || status >= 500);
        },
      },
    },
  });
}

export function Providers({ nonce, children }: { nonce?: string; children: React.ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <QueryClientProvider client={queryClient}>
        <NuqsAdapter>{children}</NuqsAdapter>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
