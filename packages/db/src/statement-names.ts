// Names for prepared statements. Prisma sends every query unnamed, so PostgreSQL parses and plans
// it again on every run; the review queue's claim and transition statements spend more time being
// planned than executed. A named statement is parsed once per connection, and after a few runs
// PostgreSQL keeps a generic plan for it when that plan is no worse than a custom one.
//
// Each distinct SQL text gets a name, up to a limit: statements that differ with their input (a
// list spelled out with one placeholder per item) would otherwise prepare without end, on every
// connection. Past the limit, new texts go unnamed, as before. (A transaction-mode connection
// pooler in front of PostgreSQL must support prepared statements, as PgBouncer does since 1.21.)
import { createHash } from 'node:crypto';

/** Distinct statements named per database client; later ones are sent unnamed. */
export const MAX_NAMED_STATEMENTS = 500;

/** From the text, so that one statement has one name in every process (and in its logs). */
function nameOf(sql: string): string {
  return `captionary_${createHash('sha1').update(sql).digest('base64url')}`;
}

/** A function from a query's SQL to its statement name, or '' (unnamed) past `limit` texts. */
export function statementNamer(limit = MAX_NAMED_STATEMENTS): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return '';
    const name = nameOf(sql);
    names.set(sql, name);
    return name;
  };
}
