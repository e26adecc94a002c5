import { NotFoundMessage } from "@/components/not-found-message";

// Outside the signed-in pages (an unknown URL): no shell.
export default function NotFound() {
  return (
    <main id="main" className="px-4 py-8">
      <NotFoundMessage />
    </main>
  );
}
