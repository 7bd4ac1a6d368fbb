// New techniques: what the Ministry's science-and-technology programme transfers before any list
// names it (CAR-T cell therapy, mRNA platforms, new stem-cell procedures). A facility records
// one with the permission decision for a new technique and the transferring partner; it gets a
// provisional code (KTM-n) and is then a technique like any other for plan lines, rotations,
// courses and ledger events. Having no legacy level, it is never cross-level: reports count it
// apart as a new technique. Once a list adds it, it is linked to the listed code (a crosswalk
// row, "listing"); its ledger keeps its events, so no past figure moves.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { canChange, canRead, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { recordAudit } from "~/models/audit/audit.server";
import type { Locale } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { foldSearch } from "~/utils/search";
import type { NewTechniqueForm } from "./schemas";

export type NewTechniqueRow = {
  id: number;
  code: string;
  name: string;
  chapterNumber: number;
  permissionDecision: string | null;
  transferringPartner: string | null;
  facilityId: number;
  facilityName: string;
  listedCode: string | null;
  createdAt: string;
};

function facilityScope(db: Db, facilityId: number) {
  const f = db.get<{ id: number; province_code: string | null; kind: string } | undefined>(
    sql`select id, province_code, kind from facilities where id = ${facilityId}`,
  );
  if (!f) throw new NotFoundError();
  return { facilityId: f.id, provinceCode: f.province_code };
}

/** Records a new technique for the actor's facility (an administrator names the facility). */
export function recordNewTechnique(db: Db, actor: Actor, facilityId: number, input: NewTechniqueForm): NewTechniqueRow {
  if (!canChange(actor, "adoption.manage", facilityScope(db, facilityId))) throw new ForbiddenError();
  return db.transaction((tx) => {
    if (!tx.get(sql`select 1 from chapters where number = ${input.chapterNumber}`)) {
      throw new DomainError("common:validation.invalid", { field: "chapterNumber" });
    }
    const taken = tx.get(sql`select 1 from techniques where kind = 'new' and recorded_by_facility_id = ${facilityId} and lower(name) = lower(${input.name})`);
    if (taken) throw new ConflictError("catalogue:newTechniques.nameTaken", { field: "name", params: { name: input.name } });
    const now = new Date().toISOString();
    // The provisional code needs the row's id: insert under a placeholder, then name it.
    const placeholder = `KTM-pending-${now}-${Math.random()}`;
    const id = Number(
      db.$client
        .prepare(
          `INSERT INTO techniques (code, chapter_number, number, name, search_text, min_level, kind, permission_decision, recorded_by_facility_id, transferring_partner, created_at, updated_at)
           VALUES (?, ?, 0, ?, '', NULL, 'new', ?, ?, ?, ?, ?)`,
        )
        .run(placeholder, input.chapterNumber, input.name, input.permissionDecision, facilityId, input.transferringPartner || null, now, now).lastInsertRowid,
    );
    const code = `KTM-${id}`;
    db.$client.prepare("UPDATE techniques SET code = ?, number = ?, search_text = ? WHERE id = ?").run(code, id, foldSearch(`${code} ${input.name}`), id);
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "new_technique", entityId: id, after: { code, ...input, facilityId } });
    return getNewTechnique(db, actor, id);
  });
}

export function getNewTechnique(db: Db, actor: Actor, id: number): NewTechniqueRow {
  const row = db.get<NewTechniqueRow & { provinceCode: string | null } | undefined>(sql`
    select t.id, t.code, t.name, t.chapter_number as chapterNumber, t.permission_decision as permissionDecision,
      t.transferring_partner as transferringPartner, f.id as facilityId, f.name as facilityName, f.province_code as provinceCode,
      l.code as listedCode, t.created_at as createdAt
    from techniques t join facilities f on f.id = t.recorded_by_facility_id left join techniques l on l.id = t.listed_as_id
    where t.id = ${id} and t.kind = 'new'`);
  if (!row) throw new NotFoundError();
  if (!canRead(actor, { facilityId: row.facilityId, provinceCode: row.provinceCode })) throw new ForbiddenError();
  const { provinceCode: _p, ...rest } = row;
  void _p;
  return rest;
}

/** The new techniques the actor may read, newest first. */
export function listNewTechniques(db: Db, actor: Actor, locale: Locale): NewTechniqueRow[] {
  const scope = facilityScopeCondition(actor, sql`f.id`);
  return db.all<NewTechniqueRow>(sql`
    select t.id, t.code, t.name, t.chapter_number as chapterNumber, t.permission_decision as permissionDecision,
      t.transferring_partner as transferringPartner, f.id as facilityId, ${facilityNameSqlAt("f", locale)} as facilityName,
      l.code as listedCode, t.created_at as createdAt
    from techniques t join facilities f on f.id = t.recorded_by_facility_id left join techniques l on l.id = t.listed_as_id
    where t.kind = 'new' and ${scope}
    order by t.id desc limit 500`);
}

/** Links a new technique to the listed technique a list now names it as. */
export function linkNewTechnique(db: Db, actor: Actor, id: number, listedCode: string): NewTechniqueRow {
  const current = getNewTechnique(db, actor, id);
  if (!canChange(actor, "adoption.manage", facilityScope(db, current.facilityId))) throw new ForbiddenError();
  return db.transaction((tx) => {
    const listed = tx.get<{ id: number; kind: string } | undefined>(sql`select id, kind from techniques where code = ${listedCode}`);
    if (!listed || listed.kind !== "listed") {
      throw new DomainError("catalogue:newTechniques.unknownListedCode", { field: "listedCode", params: { code: listedCode } });
    }
    if (current.listedCode !== null) {
      throw new ConflictError("catalogue:newTechniques.alreadyLinked", { field: "listedCode", params: { code: current.listedCode } });
    }
    tx.run(sql`update techniques set listed_as_id = ${listed.id}, updated_at = ${new Date().toISOString()} where id = ${id}`);
    tx.run(sql`insert or ignore into technique_crosswalk (from_technique_id, to_technique_id, source) values (${id}, ${listed.id}, 'listing')`);
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "new_technique", entityId: id, before: { listedCode: null }, after: { listedCode } });
    return getNewTechnique(db, actor, id);
  });
}
