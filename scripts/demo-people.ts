import { AGENTS, memberId, TEAM } from "../lib/simulator/scenario";

/** One sign-in per role (README lists them). Demo only: a real deployment provisions its own. */
export const DEMO_PASSWORD = "receipts-demo";
export const DEMO_USERS = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin", password: DEMO_PASSWORD },
  // Leads Engineering (sends its announcements) and the support agents.
  {
    email: "manager@demo.test",
    name: "Max Manager",
    role: "manager",
    password: DEMO_PASSWORD,
    senderIds: ["team-eng:lead"],
    manages: ["team-eng", "team-support"],
  },
  { email: "marketer@demo.test", name: "Mia Marketer", role: "marketer", password: DEMO_PASSWORD, senderIds: ["marketing"] },
  { email: "agent@demo.test", name: "Amy Agent", role: "agent", password: DEMO_PASSWORD, senderIds: [AGENTS[0]] },
];

export function demoTeams() {
  return [
    ...TEAM.map((t) => ({ id: t.id, name: t.name, members: t.members.map((name) => ({ id: memberId(t.id, name), name })) })),
    { id: "team-support", name: "Support", members: AGENTS.map((id) => ({ id, name: id.replace(/^agent-/, "") })) },
  ];
}
