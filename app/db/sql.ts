// Small SQL builders shared by the models' hand-written queries.
import { sql, type SQL } from "drizzle-orm";

/** A parenthesised list of bound values for `in`: `(?, ?, ?)`. An empty list matches nothing. */
export function sqlList(values: readonly (string | number)[]): SQL {
  if (values.length === 0) return sql`(null)`;
  return sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}
