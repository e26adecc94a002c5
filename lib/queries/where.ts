import type { ViewerScope } from "./scope";

/**
 * Builds a parameterised WHERE clause. Starts from the viewer scope, so every query that uses it
 * is confined to what the viewer may see.
 */
export class Where {
  private parts: string[] = [];
  readonly params: unknown[] = [];

  constructor(
    scope: ViewerScope,
    private readonly alias = "",
  ) {
    this.add(`${this.col("workspace_id")} = ?`, scope.workspaceId);
    if (scope.senderIds && scope.announcementIds?.length)
      this.add(
        `(${this.col("sender_id")} = ANY(?::text[]) OR ${this.col("announcement_id")} = ANY(?::text[]))`,
        scope.senderIds,
        scope.announcementIds,
      );
    else if (scope.senderIds) this.add(`${this.col("sender_id")} = ANY(?::text[])`, scope.senderIds);
    if (scope.kinds) this.add(`${this.col("kind")}::text = ANY(?::text[])`, scope.kinds);
  }

  /**
   * For conversation-level tables (conversations, inbound_messages): only conversations holding a
   * message the viewer may see — an agent's own conversations, a manager's team's. No-op when the
   * scope does not restrict messages.
   */
  inVisibleConversations(scope: ViewerScope, column = "conversation_id"): this {
    if (!scope.senderIds && !scope.kinds) return this;
    const inner = new Where(scope, "vm");
    // The inner clause numbers its own parameters in order; hand them over as `?` to renumber.
    const sql = inner.toString().replace(/\$\d+/g, "?");
    return this.add(
      `${this.col(column)} IN (SELECT vm.conversation_id FROM messages vm WHERE ${sql} AND vm.conversation_id IS NOT NULL)`,
      ...inner.params,
    );
  }

  col(name: string): string {
    return this.alias ? `${this.alias}.${name}` : name;
  }

  /** Adds a condition; each `?` takes the next value. */
  add(sql: string, ...values: unknown[]): this {
    let i = 0;
    this.parts.push(sql.replace(/\?/g, () => `$${this.params.push(values[i++])}`));
    return this;
  }

  /** Adds `column = value` unless value is undefined. */
  eq(column: string, value: unknown, cast = ""): this {
    return value === undefined ? this : this.add(`${this.col(column)}${cast} = ?`, value);
  }

  toString(): string {
    return this.parts.join(" AND ");
  }
}
