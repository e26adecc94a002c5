import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

// One message while its deliveries and history load: the title, then the two tables.
export default function Loading() {
  return (
    <div aria-busy="true" className="flex flex-col gap-5">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-4 w-full max-w-xl" />
      {[6, 8].map((rows, i) => (
        <Card key={i} className="flex flex-col gap-2 p-4">
          <Skeleton className="h-5 w-40" />
          {Array.from({ length: rows }, (_, j) => (
            <Skeleton key={j} className="h-6 w-full" />
          ))}
        </Card>
      ))}
    </div>
  );
}
