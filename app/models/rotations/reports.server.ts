// Person-months of rotations per agreement, per receiving facility and per year, computed in
// SQL over the rotations the actor may read. A person-month is DAYS_PER_MONTH days (365.25 / 12).
// "Delivered" counts completed rotations in full and confirmed ones up to today; "scheduled"
// counts every rotation that is not cancelled over its whole length.
import { sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import { rotations } from "~/db/schema";
import { sqlList } from "~/db/sql";
import { DAYS_PER_MONTH } from "~/models/dates";
import { DELIVERED_ROTATION_STATUSES } from "~/models/enums";
import type { Actor } from "~/models/access/policy";
import { rotationScope } from "./queries.server";
import type { Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";


export type ReportRow = {
  key: number;
  label: string;
  rotations: number;
  people: number;
  deliveredMonths: number;
  scheduledMonths: number;
};

export type RotationReport = {
  byAgreement: ReportRow[];
  byFacility: ReportRow[];
  byYear: ReportRow[];
  totals: Omit<ReportRow, "key" | "label">;
};

/** Inclusive days of a rotation inside [lo, hi], in SQL; `end` may be clipped further. */
function daysWithin(lo: SQL, hi: SQL, end: SQL): SQL {
  return sql`max(0, julianday(min(${end}, ${hi})) - julianday(max(${rotations.startOn}, ${lo})) + 1)`;
}

/** Rotations, people, delivered and scheduled person-months inside [lo, hi]: the select list every grouping shares. */
export function rotationMeasures(today: string, lo: SQL, hi: SQL): SQL {
  const deliveredEnd = sql`case when ${rotations.status} = 'completed' then ${rotations.endOn} else min(${rotations.endOn}, ${today}) end`;
  return sql`
    count(distinct ${rotations.id}) as rotations,
    count(distinct ${rotations.staffId}) as people,
    round(coalesce(sum(case when ${rotations.status} in ${sqlList(DELIVERED_ROTATION_STATUSES)} then ${daysWithin(lo, hi, deliveredEnd)} else 0 end), 0) / ${DAYS_PER_MONTH}, 2) as deliveredMonths,
    round(coalesce(sum(${daysWithin(lo, hi, sql`${rotations.endOn}`)}), 0) / ${DAYS_PER_MONTH}, 2) as scheduledMonths`;
}

export function rotationReport(db: Db, actor: Actor, today: string, year: number | null = null, locale: Locale = "vi"): RotationReport {
  const lo = year ? sql`${`${year}-01-01`}` : sql`'0000-01-01'`;
  const hi = year ? sql`${`${year}-12-31`}` : sql`'9999-12-31'`;
  const where = sql`${rotationScope(actor)} and ${rotations.status} <> 'cancelled' and ${rotations.startOn} <= ${hi} and ${rotations.endOn} >= ${lo}`;
  const byAgreement = db.all<ReportRow>(sql`
    select coalesce(a.id, 0) as key, coalesce(a.number || ' – ' || a.title, '') as label, ${rotationMeasures(today, lo, hi)}
      from ${rotations} left join agreements a on a.id = ${rotations.agreementId}
     where ${where}
     group by coalesce(a.id, 0)
     order by deliveredMonths desc, label`);
  const byFacility = db.all<ReportRow>(sql`
    select f.id as key, ${facilityNameSqlAt("f", locale)} as label, ${rotationMeasures(today, lo, hi)}
      from ${rotations} join facilities f on f.id = ${rotations.toFacilityId}
     where ${where}
     group by f.id
     order by deliveredMonths desc, label`);
  // Each rotation is split across the calendar years it spans.
  const byYear = db.all<ReportRow>(sql`
    with recursive years(y) as (
      select cast(min(substr(${rotations.startOn}, 1, 4)) as integer) from ${rotations} where ${where}
      union all
      select y + 1 from years where y < (select cast(max(substr(${rotations.endOn}, 1, 4)) as integer) from ${rotations} where ${where})
    )
    select y as key, cast(y as text) as label, ${rotationMeasures(today, sql`(y || '-01-01')`, sql`(y || '-12-31')`)}
      from years join ${rotations} on ${rotations.startOn} <= (y || '-12-31') and ${rotations.endOn} >= (y || '-01-01')
     where ${where}
     group by y
     order by y`);
  const totals = db.get<Omit<ReportRow, "key" | "label">>(sql`select ${rotationMeasures(today, lo, hi)} from ${rotations} where ${where}`) ?? {
    rotations: 0,
    people: 0,
    deliveredMonths: 0,
    scheduledMonths: 0,
  };
  return { byAgreement, byFacility, byYear: year ? byYear.filter((r) => r.key === year) : byYear, totals };
}

/** The report as a workbook: one sheet per grouping, headers in the user's language. */
export async function rotationReportXlsx(report: RotationReport, t: TFunction): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CGKT";
  const sheets: [string, string, ReportRow[]][] = [
    [t("reports.byAgreement"), t("reports.agreement"), report.byAgreement.map((r) => ({ ...r, label: r.key === 0 ? t("reports.noAgreement") : r.label }))],
    [t("reports.byFacility"), t("reports.facility"), report.byFacility],
    [t("reports.byYear"), t("reports.year"), report.byYear],
  ];
  for (const [name, first, rows] of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    sheet.columns = [
      { header: first, key: "label", width: 48 },
      { header: t("reports.rotations"), key: "rotations", width: 12 },
      { header: t("reports.people"), key: "people", width: 12 },
      { header: t("reports.deliveredMonths"), key: "deliveredMonths", width: 20, style: { numFmt: "0.00" } },
      { header: t("reports.scheduledMonths"), key: "scheduledMonths", width: 20, style: { numFmt: "0.00" } },
    ];
    sheet.getRow(1).font = { bold: true };
    rows.forEach((r) => sheet.addRow(r));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
