"use client";

import { useTranslations } from "next-intl";
import { cn } from "../ui/cn";
import { useLiveConnected } from "./live-updates";

/** "Live" while the receipt stream is connected (the page then updates by itself), "Connecting…" otherwise. */
export function LiveBadge({ className }: { className?: string }) {
  const t = useTranslations("overview");
  const connected = useLiveConnected();
  return (
    <span
      role="status"
      data-testid="live-status"
      data-connected={connected}
      title={connected ? t("liveHint") : t("connectingHint")}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium",
        connected ? "text-foreground" : "text-muted-foreground",
        className,
      )}
    >
      <span className="relative flex size-2" aria-hidden>
        {connected && (
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-success opacity-60 motion-reduce:animate-none" />
        )}
        <span className={cn("relative inline-flex size-2 rounded-full", connected ? "bg-success" : "bg-muted-foreground")} />
      </span>
      {connected ? t("live") : t("connecting")}
      <span className="sr-only">{connected ? t("liveHint") : t("connectingHint")}</span>
    </span>
  );
}
