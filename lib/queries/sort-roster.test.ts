import { describe, expect, it } from "vitest";
import type { RosterMember } from "./get-announcement";
import { sortRoster } from "./sort-roster";

const m = (recipientId: string, name: string | null, status: string, readAt: string | null, timeToRead: number | null): RosterMember => ({
  recipientId,
  name,
  status,
  acknowledged: readAt !== null,
  readAt,
  timeToRead,
});
const roster = [
  m("u-3", "Carol", "read", "2026-11-20T10:30:00+08:00", 1800),
  m("u-1", null, "sent", null, null),
  m("u-2", "Bob", "failed", null, null),
  m("u-4", "Alice", "read", "2026-11-20T10:05:00+08:00", 300),
  m("u-5", "Dan", "delivered", null, null),
];
const ids = (l: RosterMember[]) => l.map((x) => x.recipientId);

describe("sortRoster", () => {
  it("sorts by name, members without a name last in both directions", () => {
    expect(ids(sortRoster(roster, "name", "asc"))).toEqual(["u-4", "u-2", "u-3", "u-5", "u-1"]);
    expect(ids(sortRoster(roster, "name", "desc"))).toEqual(["u-5", "u-3", "u-2", "u-4", "u-1"]);
  });

  it("sorts by time-to-read and read time, unread last (ties by id)", () => {
    expect(ids(sortRoster(roster, "timeToRead", "asc"))).toEqual(["u-4", "u-3", "u-1", "u-2", "u-5"]);
    expect(ids(sortRoster(roster, "timeToRead", "desc"))).toEqual(["u-3", "u-4", "u-1", "u-2", "u-5"]);
    expect(ids(sortRoster(roster, "readAt", "desc"))).toEqual(["u-3", "u-4", "u-1", "u-2", "u-5"]);
  });

  it("sorts by status from least to most acknowledged", () => {
    expect(ids(sortRoster(roster, "status", "asc"))).toEqual(["u-2", "u-1", "u-5", "u-3", "u-4"]);
  });

  it("does not change the list it is given", () => {
    const copy = [...roster];
    sortRoster(roster, "status", "desc");
    expect(roster).toEqual(copy);
  });
});
