"use client";

import { DropdownMenu as D } from "radix-ui";
import { cn } from "./cn";

export const DropdownMenu = D.Root;
export const DropdownMenuTrigger = D.Trigger;
export const DropdownMenuRadioGroup = D.RadioGroup;

export function DropdownMenuContent({ className, ...props }: React.ComponentProps<typeof D.Content>) {
  return (
    <D.Portal>
      <D.Content
        align="end"
        sideOffset={6}
        className={cn("z-50 min-w-36 rounded-md border bg-popover p-1 text-popover-foreground shadow-md", className)}
        {...props}
      />
    </D.Portal>
  );
}

export function DropdownMenuRadioItem({ className, children, ...props }: React.ComponentProps<typeof D.RadioItem>) {
  return (
    <D.RadioItem
      className={cn(
        "relative flex cursor-default select-none items-center rounded-sm py-1.5 pl-7 pr-2 text-sm outline-none data-highlighted:bg-accent",
        className,
      )}
      {...props}
    >
      <D.ItemIndicator className="absolute left-2.5 size-1.5 rounded-full bg-current" />
      {children}
    </D.RadioItem>
  );
}

export function DropdownMenuItem({ className, ...props }: React.ComponentProps<typeof D.Item>) {
  return (
    <D.Item
      className={cn(
        "flex cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none data-highlighted:bg-accent",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: React.ComponentProps<typeof D.Label>) {
  return <D.Label className={cn("px-2 py-1.5 text-xs text-muted-foreground", className)} {...props} />;
}

export function DropdownMenuSeparator({ className, ...props }: React.ComponentProps<typeof D.Separator>) {
  return <D.Separator className={cn("-mx-1 my-1 h-px bg-border", className)} {...props} />;
}
