import { NotFoundMessage } from "@/components/not-found-message";

// Inside the shell: a page the role may not open (pageScope), or a message that is not theirs.
export default function NotFound() {
  return <NotFoundMessage />;
}
