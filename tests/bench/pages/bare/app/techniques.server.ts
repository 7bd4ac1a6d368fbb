// The bare page's one query: 50 rows of the seeded database's techniques table, read with
// better-sqlite3 (a .server module, so the browser bundle leaves the driver out).
import Database from "better-sqlite3";

export type Row = { code: string; name: string; chapterNumber: number; minLevel: string | null };

let statement: Database.Statement<[], Row> | undefined;

export function firstTechniques(): Row[] {
  if (!statement) {
    const file = process.env.BARE_DATABASE_PATH;
    if (!file) throw new Error("BARE_DATABASE_PATH is not set");
    const db = new Database(file, { readonly: true, fileMustExist: true });
    statement = db.prepare<[], Row>(
      "select code, name, chapter_number as chapterNumber, min_level as minLevel from techniques order by chapter_number, number, code limit 50",
    );
  }
  return statement.all();
}
