import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" className="flex flex-col gap-5">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-6 w-full max-w-xl" />
      <Card className="flex flex-col gap-2 p-3">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </Card>
    </div>
  );
}
