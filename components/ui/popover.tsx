"use client";

import { Popover as P } from "radix-ui";
import { cn } from "./cn";

export const Popover = P.Root;
export const PopoverTrigger = P.Trigger;

export function PopoverContent({ className, ...props }: React.ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Content
        align="start"
        sideOffset={6}
        className={cn("z-50 rounded-md border bg-popover p-3 text-popover-foreground shadow-md", className)}
        {...props}
      />
    </P.Portal>
  );
}
