// An agreement with its plan as an XLSX workbook: a sheet for the agreement and its parties,
// a sheet for the priority-technique list with stages and progress. Labels come from the
// caller's translate function, so the file is in the user's language.
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import type { Locale } from "~/models/enums";
import { getAgreement } from "~/models/agreements/queries.server";
import { getPlan } from "./plan.server";

export async function exportAgreementXlsx(db: Db, actor: Actor, agreementId: number, today: string, t: TFunction, locale: Locale = "vi"): Promise<Buffer> {
  const detail = getAgreement(db, actor, agreementId, today, locale);
  const plan = getPlan(db, actor, agreementId, {}, { page: 1, pageSize: 1_000_000, offset: 0 }, today, locale);
  const a = detail.agreement;
  const wb = new ExcelJS.Workbook();
  wb.creator = "CGKT";
  wb.created = new Date(`${today}T00:00:00Z`);

  const info = wb.addWorksheet(t("agreements:export.sheetAgreement"));
  info.columns = [{ width: 28 }, { width: 80 }];
  const rows: [string, string][] = [
    [t("agreements:fields.number"), a.number],
    [t("agreements:fields.title"), a.title],
    [t("agreements:fields.type"), t(`enums:agreementType.${a.type}`)],
    [t("agreements:fields.status"), t(`enums:agreementStatus.${detail.displayStatus}`)],
    [t("agreements:fields.signedOn"), a.signedOn ?? ""],
    [t("agreements:fields.startOn"), a.startOn],
    [t("agreements:fields.endOn"), a.endOn ?? ""],
    [t("agreements:fields.owner"), detail.owner.name],
    [t("agreements:fields.chapters"), detail.chapters.map((c) => `${c.number}. ${c.name}`).join("; ")],
    [t("agreements:fields.notes"), a.notes ?? ""],
  ];
  for (const r of rows) info.addRow(r);
  info.addRow([]);
  info.addRow([t("agreements:fields.parties")]).font = { bold: true };
  for (const p of detail.parties) info.addRow([t(`enums:partyRole.${p.role}`), `${p.name} (${p.code})`]);
  info.getColumn(1).font = { bold: true };

  const sheet = wb.addWorksheet(t("agreements:export.sheetPlan"));
  sheet.columns = [
    { header: t("agreements:plan.phase"), key: "phase", width: 8 },
    { header: t("agreements:plan.priority"), key: "priority", width: 8 },
    { header: t("agreements:plan.code"), key: "code", width: 10 },
    { header: t("agreements:plan.technique"), key: "technique", width: 50 },
    { header: t("agreements:plan.from"), key: "from", width: 24 },
    { header: t("agreements:plan.to"), key: "to", width: 24 },
    { header: t("agreements:plan.stage"), key: "stage", width: 18 },
    { header: t("agreements:plan.cases"), key: "cases", width: 12 },
    { header: t("agreements:plan.targetDate"), key: "target", width: 12 },
    { header: t("agreements:plan.overdue"), key: "overdue", width: 10 },
    { header: t("agreements:plan.acceptedOn"), key: "acceptedOn", width: 12 },
    { header: t("agreements:plan.minutes"), key: "minutes", width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const item of plan.items.rows) {
    sheet.addRow({
      phase: item.phase,
      priority: item.priority,
      code: item.techniqueCode,
      technique: item.techniqueName,
      from: item.fromName,
      to: item.toName,
      stage: t(`enums:transferStage.${item.stage}`),
      cases: `${item.supervisedCases}/${item.requiredCases}`,
      target: item.targetDate ?? "",
      overdue: item.overdue ? t("common:yes") : "",
      acceptedOn: item.acceptedOn ?? "",
      minutes: item.acceptanceMinutes ?? "",
    });
  }
  sheet.addRow([]);
  for (const p of plan.phases) {
    sheet.addRow({ phase: p.phase, technique: t("agreements:plan.phaseProgress", { phase: p.phase, accepted: p.accepted, planned: p.planned }) });
  }
  sheet.addRow({ technique: t("agreements:plan.overallProgress", { accepted: plan.overall.accepted, planned: plan.overall.planned }) }).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
