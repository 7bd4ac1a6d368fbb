// Read side of rotations: the list, one rotation, and the choices of the rotation form.
// Every query filters by the actor's read scope (a rotation is readable when its sending or
// its receiving facility is).
import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementParties, agreements, facilities, rotationItems, rotations, staff, techniques, transferItems } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import type { Tx } from "~/models/audit/audit.server";
import { OPEN_AGREEMENT_STATUSES, ROTATION_DISPLAY_STATUSES, type RotationDisplayStatus, type RotationPurpose, type RotationStatus } from "~/models/enums";
import { ForbiddenError } from "~/models/errors";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";
import { canReceiveRotation, displayStatus, isDownward, type AgreementTerm } from "./rules";
import { parsePositiveInt } from "~/utils/numbers";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql } from "~/models/facilities/names.server";

export const fromFacility = aliasedTable(facilities, "from_facility");
export const toFacility = aliasedTable(facilities, "to_facility");

/** Readable rotations: the sending or the receiving facility is in the actor's scope. */
export function rotationScope(actor: Actor): SQL {
  return or(facilityScopeCondition(actor, rotations.fromFacilityId), facilityScopeCondition(actor, rotations.toFacilityId))!;
}

/** A display status as SQL, for filters ("in_progress" is confirmed and covering today). */
export function statusCondition(status: RotationDisplayStatus, today: string): SQL {
  switch (status) {
    case "in_progress":
      return sql`${rotations.status} = 'confirmed' and ${rotations.startOn} <= ${today} and ${rotations.endOn} >= ${today}`;
    case "confirmed":
      return sql`${rotations.status} = 'confirmed' and not (${rotations.startOn} <= ${today} and ${rotations.endOn} >= ${today})`;
    default:
      return eq(rotations.status, status);
  }
}

export type RotationFilters = {
  q: string;
  status: RotationDisplayStatus | null;
  facilityId: number | null;
  staffId: number | null;
  agreementId: number | null;
};

const positiveInt = (value: string | null) => parsePositiveInt(value);

export function parseRotationFilters(url: URL): RotationFilters {
  const status = url.searchParams.get("status");
  return {
    q: url.searchParams.get("q")?.trim() ?? "",
    status: (ROTATION_DISPLAY_STATUSES as readonly string[]).includes(status ?? "") ? (status as RotationDisplayStatus) : null,
    facilityId: positiveInt(url.searchParams.get("facility")),
    staffId: positiveInt(url.searchParams.get("staff")),
    agreementId: positiveInt(url.searchParams.get("agreement")),
  };
}

/** The columns every list of rotations reads (the list, the board), names in the reader's language. */
export function rotationColumns(locale: Locale) {
  return {
    id: rotations.id,
    staffId: rotations.staffId,
    staffName: staff.fullName,
    fromName: facilityShortNameSql(locale, fromFacility),
    toName: facilityShortNameSql(locale, toFacility),
    purpose: rotations.purpose,
    startOn: rotations.startOn,
    endOn: rotations.endOn,
    status: rotations.status,
    overrideReason: rotations.limitOverrideReason,
  };
}

export type RotationListRow = {
  id: number;
  staffId: number;
  staffName: string;
  fromName: string;
  toName: string;
  purpose: RotationPurpose;
  startOn: string;
  endOn: string;
  status: RotationDisplayStatus;
  shortTerm: boolean;
  overridden: boolean;
};

export function listRotations(db: Db, actor: Actor, filters: RotationFilters, page: PageRequest, today: string, locale: Locale = "vi"): Page<RotationListRow> {
  const where = and(
    rotationScope(actor),
    ...searchTerms(filters.q).map((term) => sql`${staff.searchText} like ${`%${term}%`}`),
    filters.status ? statusCondition(filters.status, today) : undefined,
    filters.facilityId ? or(eq(rotations.fromFacilityId, filters.facilityId), eq(rotations.toFacilityId, filters.facilityId)) : undefined,
    filters.staffId ? eq(rotations.staffId, filters.staffId) : undefined,
    filters.agreementId ? eq(rotations.agreementId, filters.agreementId) : undefined,
  );
  return paginate(
    page,
    () =>
      db
        .select({ n: count() })
        .from(rotations)
        .innerJoin(staff, eq(staff.id, rotations.staffId))
        .where(where)
        .get()?.n ?? 0,
    (at) =>
      db
        .select({
          ...rotationColumns(locale),
          shortTerm: rotations.shortTerm,
        })
        .from(rotations)
        .innerJoin(staff, eq(staff.id, rotations.staffId))
        .innerJoin(fromFacility, eq(fromFacility.id, rotations.fromFacilityId))
        .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
        .where(where)
        .orderBy(desc(rotations.startOn), desc(rotations.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all()
        .map(({ overrideReason, status, ...r }) => ({
          ...r,
          status: displayStatus({ status, startOn: r.startOn, endOn: r.endOn }, today),
          overridden: overrideReason !== null,
        })),
  );
}

export type RotationDetail = NonNullable<ReturnType<typeof getRotation>>;

/** One readable rotation with names, items and what the actor may do; null when absent or unreadable. */
export function getRotation(db: Tx, actor: Actor, id: number, today: string, locale: Locale = "vi") {
  const row = db
    .select({
      rotation: rotations,
      staffName: staff.fullName,
      staffCadre: staff.cadre,
      fromName: facilityNameSql(locale, fromFacility),
      fromProvince: fromFacility.provinceCode,
      toName: facilityNameSql(locale, toFacility),
      agreementNumber: agreements.number,
      agreementTitle: agreements.title,
      minRotationMonths: agreements.minRotationMonths,
    })
    .from(rotations)
    .innerJoin(staff, eq(staff.id, rotations.staffId))
    .innerJoin(fromFacility, eq(fromFacility.id, rotations.fromFacilityId))
    .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
    .leftJoin(agreements, eq(agreements.id, rotations.agreementId))
    .where(and(eq(rotations.id, id), rotationScope(actor)))
    .get();
  if (!row) return null;
  const items = db
    .select({ id: transferItems.id, code: techniques.code, name: techniques.name, stage: transferItems.stage })
    .from(rotationItems)
    .innerJoin(transferItems, eq(transferItems.id, rotationItems.transferItemId))
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .where(eq(rotationItems.rotationId, id))
    .orderBy(asc(techniques.chapterNumber), asc(techniques.number))
    .all();
  const r = row.rotation;
  return {
    ...row,
    items,
    displayStatus: displayStatus(r, today),
    canManage: canChange(actor, "rotations.manage", { facilityId: r.fromFacilityId, provinceCode: row.fromProvince }),
  };
}

/** An agreement's number, status, term, parties and minimum rotation length; null when absent. */
export function getAgreementTerm(db: Tx, agreementId: number): (AgreementTerm & { id: number; minRotationMonths: number }) | null {
  const agreement = db
    .select({
      id: agreements.id,
      number: agreements.number,
      status: agreements.status,
      startOn: agreements.startOn,
      endOn: agreements.endOn,
      minRotationMonths: agreements.minRotationMonths,
    })
    .from(agreements)
    .where(eq(agreements.id, agreementId))
    .get();
  if (!agreement) return null;
  const parties = db
    .select({ facilityId: agreementParties.facilityId, role: agreementParties.role })
    .from(agreementParties)
    .where(eq(agreementParties.agreementId, agreementId))
    .all();
  return { ...agreement, parties };
}

export type Option = { value: number; label: string };
export type ItemOption = { value: number; label: string; toFacilityId: number; agreementId: number; techniqueId: number };

/**
 * Choices of the rotation form for the actor's sending facility: its active staff, the
 * facilities it works with (agreement partners and the facilities it directs), the open
 * agreements it supports and the transfer items of those it supports that are not yet
 * accepted. When editing, `keep` names the rotation's own agreement and items: they stay
 * choices even once closed or accepted, so saving an unrelated change never drops them.
 * `refresherItemIds` (a refresher planned from a skill-decay alert) offers those accepted items
 * too, when they are the sending facility's own lines of an open agreement.
 */
export function rotationFormOptions(
  db: Db,
  actor: Actor,
  sendingFacilityId: number | null,
  keep: { agreementId: number | null; itemIds: readonly number[]; refresherItemIds?: readonly number[] } = { agreementId: null, itemIds: [] },
  locale: Locale = "vi",
) {
  const facilityId = sendingFacilityId ?? actor.facilityId;
  if (facilityId === null) throw new ForbiddenError();
  const sending = db.select({ provinceCode: facilities.provinceCode, kind: facilities.kind, level: facilities.level }).from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!sending || !canChange(actor, "rotations.manage", { facilityId, provinceCode: sending.provinceCode })) {
    throw new ForbiddenError();
  }
  const staffOptions = db
    .select({ value: staff.id, label: staff.fullName })
    .from(staff)
    .where(and(eq(staff.facilityId, facilityId), eq(staff.active, true)))
    .orderBy(asc(staff.fullName))
    .all();
  const myAgreements = db
    .select({ id: agreementParties.agreementId })
    .from(agreementParties)
    .where(eq(agreementParties.facilityId, facilityId));
  const supported = db
    .select({ id: agreementParties.agreementId })
    .from(agreementParties)
    .where(and(eq(agreementParties.facilityId, facilityId), eq(agreementParties.role, "supporting")));
  const openAgreement = inArray(agreements.status, [...OPEN_AGREEMENT_STATUSES]);
  const agreementOptions = db
    .select({ value: agreements.id, label: sql<string>`${agreements.number} || ' – ' || ${agreements.title}` })
    .from(agreements)
    .where(or(and(inArray(agreements.id, supported), openAgreement), keep.agreementId === null ? undefined : eq(agreements.id, keep.agreementId)))
    .orderBy(desc(agreements.startOn))
    .all();
  const partnerIds = db
    .select({ id: agreementParties.facilityId })
    .from(agreementParties)
    .where(inArray(agreementParties.agreementId, myAgreements));
  // Destinations deliver care (never a health department); `downward` tells the form whether
  // the placement needs its purpose stated (the rule the command applies).
  const facilityOptions = db
    .select({ value: facilities.id, label: facilityNameSql(locale), kind: facilities.kind, level: facilities.level })
    .from(facilities)
    .where(and(ne(facilities.id, facilityId), or(inArray(facilities.id, partnerIds), eq(facilities.directedById, facilityId))))
    .orderBy(asc(facilityNameSql(locale)))
    .all()
    .filter((f) => canReceiveRotation(f))
    .map((f) => ({ value: f.value, label: f.label, downward: isDownward(sending, f) }));
  const itemOptions: ItemOption[] = db
    .select({
      value: transferItems.id,
      label: sql<string>`${techniques.code} || ' – ' || ${techniques.name} || ' → ' || ${facilityShortNameSql(locale)}`,
      toFacilityId: transferItems.toFacilityId,
      agreementId: transferItems.agreementId,
      techniqueId: transferItems.techniqueId,
    })
    .from(transferItems)
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .innerJoin(facilities, eq(facilities.id, transferItems.toFacilityId))
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .where(
      or(
        and(eq(transferItems.fromFacilityId, facilityId), ne(transferItems.stage, "accepted"), openAgreement),
        keep.itemIds.length ? inArray(transferItems.id, [...keep.itemIds]) : undefined,
        keep.refresherItemIds?.length
          ? and(eq(transferItems.fromFacilityId, facilityId), openAgreement, inArray(transferItems.id, [...keep.refresherItemIds]))
          : undefined,
      ),
    )
    .orderBy(asc(facilityShortNameSql(locale)), asc(techniques.chapterNumber), asc(techniques.number))
    .limit(500)
    .all();
  return { facilityId, staff: staffOptions, facilities: facilityOptions, agreements: agreementOptions, items: itemOptions };
}

/** Rotations of one person overlapping a window (for the staff page and the calendar). */
export function rotationsOfStaff(db: Tx, staffId: number, window: { start: string; end: string } | null, locale: Locale = "vi") {
  return db
    .select({
      id: rotations.id,
      toName: facilityNameSql(locale, toFacility),
      startOn: rotations.startOn,
      endOn: rotations.endOn,
      status: rotations.status,
      purpose: rotations.purpose,
    })
    .from(rotations)
    .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
    .where(
      and(
        eq(rotations.staffId, staffId),
        window ? lte(rotations.startOn, window.end) : undefined,
        window ? gte(rotations.endOn, window.start) : undefined,
      ),
    )
    .orderBy(desc(rotations.startOn))
    .all();
}

export type { RotationStatus };
