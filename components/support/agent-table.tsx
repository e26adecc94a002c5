"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, Download } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AgentSort } from "@/lib/queries/agent-sorts";
import { deliveriesHref } from "@/lib/ui/drill-down";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { Table, Td, Th } from "../ui/table";
import type { TimeSummaryRow } from "../charts/chart-bar-response-times";

export interface AgentRow {
  agentId: string;
  conversations: number;
  firstResponse: TimeSummaryRow;
  reply: TimeSummaryRow;
  messages: { sent: number; delivered: number; read: number; readRate: number | null };
}

export interface AgentOrder {
  sort: AgentSort | null;
  order: "asc" | "desc" | null;
}

/**
 * Per-agent response times and read rates, in the order the server gives (sort and order live in
 * the URL, so the CSV has the same order). Clicking an agent filters the whole screen to them;
 * message counts drill down to the deliveries behind them.
 */
export function AgentTable({
  rows,
  order,
  onOrder,
  onAgent,
  range,
  csvHref,
}: {
  rows: AgentRow[];
  order: AgentOrder;
  onOrder: (next: AgentOrder) => void;
  onAgent: (agentId: string) => void;
  /** Local days of the range, for the drill-down links. */
  range: { from: string; to: string };
  csvHref: string;
}) {
  const t = useTranslations("support.agents");
  const fmt = useFormat();
  const header = (key: AgentSort, label: string, numeric = true) => {
    const active = order.sort === key;
    const dir = active ? (order.order ?? "asc") : null;
    const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ArrowUpDown;
    return (
      <Th className={numeric ? "text-right" : undefined} aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}>
        <button
          type="button"
          className="inline-flex items-center gap-1 rounded hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
          onClick={() =>
            onOrder({
              sort: key,
              order: active
                ? dir === "asc"
                  ? "desc"
                  : "asc"
                : key === "agent" || key.endsWith("P50") || key.endsWith("P90")
                  ? "asc"
                  : "desc",
            })
          }
        >
          {label}
          <Icon className="size-3" aria-hidden />
        </button>
      </Th>
    );
  };
  const drill = (agentId: string, status?: string) =>
    deliveriesHref({ senderId: agentId, kind: "support", from: range.from, to: range.to, status });
  return (
    <Card aria-labelledby="agents-heading" data-testid="agent-table">
      <CardHeader>
        <div>
          <CardTitle id="agents-heading">{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={csvHref} download>
            <Download aria-hidden />
            {t("csv")}
          </a>
        </Button>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <Table>
            <thead>
              <tr>
                {header("agent", t("agent"), false)}
                {header("conversations", t("conversations"))}
                {header("firstResponseP50", t("firstResponseP50"))}
                {header("firstResponseP90", t("firstResponseP90"))}
                {header("replyP50", t("replyP50"))}
                <Th className="text-right">{t("answers")}</Th>
                {header("readRate", t("readRate"))}
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.agentId} data-testid={`agent-${a.agentId}`}>
                  <Td>
                    <button
                      type="button"
                      className="text-primary underline-offset-2 hover:underline"
                      onClick={() => onAgent(a.agentId)}
                      aria-label={t("only", { agent: a.agentId || t("unknown") })}
                    >
                      {a.agentId || t("unknown")}
                    </button>
                  </Td>
                  <Td className="text-right tabular-nums">{fmt.count(a.conversations)}</Td>
                  <Td className="text-right tabular-nums">{fmt.duration(a.firstResponse.p50)}</Td>
                  <Td className="text-right tabular-nums">{fmt.duration(a.firstResponse.p90)}</Td>
                  <Td className="text-right tabular-nums">{fmt.duration(a.reply.p50)}</Td>
                  <Td className="text-right tabular-nums">
                    <Link href={drill(a.agentId)} className="text-primary underline-offset-2 hover:underline" title={t("drillSent")}>
                      {fmt.count(a.messages.sent)}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums">
                    {fmt.rate(a.messages.readRate)}{" "}
                    <Link
                      href={drill(a.agentId, "read")}
                      className="text-xs text-muted-foreground underline-offset-2 hover:underline"
                      title={t("drillRead")}
                    >
                      ({t("readOf", { read: fmt.count(a.messages.read), delivered: fmt.count(a.messages.delivered) })})
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
