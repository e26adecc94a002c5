import { ChartSkeleton } from "@/components/charts/chart-card";
import { KpiCardSkeleton, KpiGrid } from "@/components/charts/kpi-card";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" className="flex flex-col gap-5">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-9 w-full max-w-2xl" />
      <KpiGrid>
        {Array.from({ length: 5 }, (_, i) => (
          <KpiCardSkeleton key={i} />
        ))}
      </KpiGrid>
      <div className="grid gap-4 lg:grid-cols-3">
        <ChartSkeleton className="lg:col-span-2" height={260} />
        <ChartSkeleton height={190} />
      </div>
    </div>
  );
}
