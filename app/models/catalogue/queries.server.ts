// Reading the national technique catalogue: search, filters, detail with billing codes.
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { LEVELS, PROCEDURE_CLASSES, type Level, type ProcedureClass } from "~/models/enums";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";

// A term of digits and dots ("10.", "10.3", "10.367", "27.205b", "10.0367.0543") is a code prefix.
const CODE_TERM = /^\d+\.[\d.]*[a-z]?$/;

/**
 * A folded search term matching the start of a word of a folded `search_text` column:
 * "hang" finds "khop hang" and "(hang" but not "chang". GLOB is case-sensitive, which is
 * right for text that is already lower case; its wildcard characters are removed from the term.
 */
export function foldedWordCondition(column: SQL, term: string): SQL {
  const clean = term.replace(/[*?[\]]/g, "");
  if (!clean) return sql`1`;
  // The LIKE discards most rows cheaply; the GLOB then checks the word start.
  return sql`(${column} like ${`%${clean}%`} and (' ' || ${column}) glob ${`*[^a-z0-9]${clean}*`})`;
}

/** Every term of the query at the start of a word of the folded column; true when none. */
export function foldedSearchCondition(column: SQL, q: string | null | undefined): SQL {
  const terms = searchTerms(q);
  if (terms.length === 0) return sql`1`;
  return sql`(${sql.join(terms.map((term) => foldedWordCondition(column, term)), sql` and `)})`;
}

/**
 * SQL condition over the techniques alias `t`: every term must match. A word matches the
 * start of a word of the folded `search_text` (diacritics and đ/d ignored); a dotted number
 * matches the start of the technique code or of one of its billing codes. True for an empty query.
 */
export function techniqueSearchCondition(q: string | null | undefined): SQL {
  const terms = searchTerms(q);
  if (terms.length === 0) return sql`1`;
  const parts = terms.map((term) => {
    if (!CODE_TERM.test(term)) return foldedWordCondition(sql`t.search_text`, term);
    // Prefix as a range, so both unique code indexes answer it ("~" sorts after digits, dots
    // and letters); the billing-code subquery runs once, not per technique.
    const end = `${term}~`;
    return sql`(t.code >= ${term} and t.code < ${end} or t.id in (
      select b.technique_id from technique_billing_codes b where b.code >= ${term} and b.code < ${end}))`;
  });
  return sql`(${sql.join(parts, sql` and `)})`;
}

/** "none" selects the techniques the catalogue leaves without a level. */
export const TECHNIQUE_LEVEL_FILTERS = [...LEVELS, "none"] as const;
export type TechniqueLevelFilter = (typeof TECHNIQUE_LEVEL_FILTERS)[number];

// Query-string filters of the catalogue page; an unknown value is ignored, not an error,
// so a stale shared link still opens.
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

const techniqueFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  chapter: z.coerce.number().int().min(1).max(999).optional().catch(undefined),
  level: optionalEnum(TECHNIQUE_LEVEL_FILTERS),
  cls: optionalEnum(PROCEDURE_CLASSES),
});

export type TechniqueFilters = z.infer<typeof techniqueFilterSchema>;

export function parseTechniqueFilters(url: URL): TechniqueFilters {
  const params = Object.fromEntries(
    [...url.searchParams].filter(([, value]) => value !== ""),
  );
  return techniqueFilterSchema.parse(params);
}

/** What a list of techniques shows of each: code, name, chapter, level and procedure class. */
export type TechniqueSummary = {
  code: string;
  name: string;
  chapterNumber: number;
  chapterName: string;
  minLevel: Level | null;
  procedureClass: ProcedureClass | null;
};

export type TechniqueListRow = TechniqueSummary & { id: number; billingCodeCount: number };

function techniqueFilterCondition(filters: TechniqueFilters): SQL {
  const where: SQL[] = [techniqueSearchCondition(filters.q)];
  if (filters.chapter !== undefined) where.push(sql`t.chapter_number = ${filters.chapter}`);
  if (filters.level === "none") where.push(sql`t.min_level is null`);
  else if (filters.level !== undefined) where.push(sql`t.min_level = ${filters.level}`);
  if (filters.cls !== undefined) where.push(sql`t.procedure_class = ${filters.cls}`);
  return sql.join(where, sql` and `);
}

/** One page of the catalogue in code order, with the total and each technique's billing-code count. */
export function listTechniques(db: Db, filters: TechniqueFilters, page: PageRequest): Page<TechniqueListRow> {
  const where = techniqueFilterCondition(filters);
  return paginate(
    page,
    () => db.get<{ n: number }>(sql`select count(*) as n from techniques t where ${where}`)?.n ?? 0,
    // The count runs only for the rows of the page, over the billing codes' technique index.
    (at) =>
      db.all<TechniqueListRow>(sql`
        select t.id, t.code, t.name, t.chapter_number as chapterNumber, c.name as chapterName,
          t.min_level as minLevel, t.procedure_class as procedureClass,
          (select count(*) from technique_billing_codes b where b.technique_id = t.id) as billingCodeCount
        from techniques t
        join chapters c on c.number = t.chapter_number
        where ${where}
        order by t.chapter_number, t.number
        limit ${at.pageSize} offset ${at.offset}`),
  );
}

export type ChapterOption = { number: number; roman: string; name: string };

export function listChapters(db: Db): ChapterOption[] {
  return db.all<ChapterOption>(sql`select number, roman, name from chapters order by number`);
}

export type BillingCodeRow = {
  id: number;
  code: string;
  techniqueName: string;
  priceItem: string | null;
  priceName: string | null;
  priceVnd: number | null;
  linkCode: string | null;
};

export type TechniqueDetail = {
  id: number;
  code: string;
  name: string;
  chapterNumber: number;
  chapterRoman: string;
  chapterName: string;
  minLevel: Level | null;
  procedureClass: ProcedureClass | null;
  retiredOn: string | null;
  kind: "listed" | "new";
  billingCodes: BillingCodeRow[];
};

/** A technique by its code ("10.367") with every billing code, or null. */
export function getTechniqueByCode(db: Db, code: string): TechniqueDetail | null {
  const technique = db.get<Omit<TechniqueDetail, "billingCodes">>(sql`
    select t.id, t.code, t.name, t.chapter_number as chapterNumber, c.roman as chapterRoman,
      c.name as chapterName, t.min_level as minLevel, t.procedure_class as procedureClass,
      t.retired_on as retiredOn, t.kind
    from techniques t join chapters c on c.number = t.chapter_number
    where t.code = ${code}`);
  if (!technique) return null;
  const billingCodes = db.all<BillingCodeRow>(sql`
    select id, code, technique_name as techniqueName, price_item as priceItem,
      price_name as priceName, price_vnd as priceVnd, link_code as linkCode
    from technique_billing_codes where technique_id = ${technique.id}
    order by code`);
  return { ...technique, billingCodes };
}
