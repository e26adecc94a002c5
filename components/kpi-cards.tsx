import type { Overview } from "@/lib/queries/get-overview";
import { formatCount, formatDuration, formatRate } from "./format";

export function KpiCards({ o }: { o: Overview }) {
  const cards = [
    { id: "sent", label: "Sent", value: formatCount(o.sent), hint: `${formatCount(o.pending)} pending, ${formatCount(o.failed)} failed` },
    { id: "delivery-rate", label: "Delivery rate", value: formatRate(o.deliveryRate), hint: `${formatCount(o.delivered)} delivered` },
    {
      id: "read-rate",
      label: "Read rate",
      value: formatRate(o.readRate),
      hint: "read ÷ delivered; a lower bound — recipients can turn receipts off",
    },
    { id: "ttr-p50", label: "Median time to read", value: formatDuration(o.timeToRead.p50), hint: `${formatCount(o.read)} read` },
    {
      id: "ttr-p90",
      label: "p90 time to read",
      value: formatDuration(o.timeToRead.p90),
      hint: `mean ${formatDuration(o.timeToRead.mean)}`,
    },
  ];
  return (
    <dl className="kpis">
      {cards.map((c) => (
        <div className="kpi" key={c.id} data-testid={`kpi-${c.id}`}>
          <dt>{c.label}</dt>
          <dd>{c.value}</dd>
          <div className="hint">{c.hint}</div>
        </div>
      ))}
    </dl>
  );
}
