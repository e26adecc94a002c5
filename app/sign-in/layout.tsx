import { Brand } from "@/components/shell/brand";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { ThemeToggle } from "@/components/shell/theme-toggle";

// Sign-in stands alone: no workspace, navigation or account menu before anyone is signed in.
export default function SignInLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-7xl items-center gap-2 px-4 pt-3 md:px-6">
        <Brand />
        <div className="ml-auto flex items-center gap-1">
          <LocaleSwitch />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="grid flex-1 place-items-center px-4 pb-16">
        {children}
      </main>
    </div>
  );
}
