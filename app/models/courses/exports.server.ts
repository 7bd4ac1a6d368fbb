// XLSX exports of the courses area: the course list and a course's participants with results.
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { CourseListRow } from "./courses.server";
import type { ParticipantRow } from "./enrolments.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Column = { header: string; key: string; width: number };

/** One sheet: a bold, frozen header of `columns`, then a row per record (by the columns' keys), then `footer` lines. */
async function oneSheetWorkbook<T>(
  name: string,
  columns: Column[],
  rows: T[],
  cells: (row: T) => Record<string, unknown>,
  footer: string[] = [],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(name);
  sheet.columns = columns;
  for (const r of rows) sheet.addRow(cells(r));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  if (footer.length > 0) {
    sheet.addRow([]);
    for (const line of footer) sheet.addRow([line]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function courseListWorkbook(rows: CourseListRow[], t: TFunction, te: TFunction): Promise<Buffer> {
  const columns = [
    { header: t("fields.title"), key: "title", width: 48 },
    { header: t("fields.host"), key: "host", width: 24 },
    { header: t("fields.mode"), key: "mode", width: 18 },
    { header: t("fields.startOn"), key: "startOn", width: 12 },
    { header: t("fields.endOn"), key: "endOn", width: 12 },
    { header: t("fields.capacity"), key: "capacity", width: 10 },
    { header: t("export.seatsTaken"), key: "seats", width: 10 },
    { header: t("export.waitlisted"), key: "waitlisted", width: 10 },
    { header: t("fields.creditHours"), key: "hours", width: 10 },
    { header: t("fields.status"), key: "status", width: 18 },
  ];
  return oneSheetWorkbook(t("export.coursesSheet"), columns, rows, (r) => ({
    title: r.title,
    host: r.hostName,
    mode: te(`courseMode.${r.mode}`),
    startOn: r.startOn,
    endOn: r.endOn,
    capacity: r.capacity,
    seats: r.seatsTaken,
    waitlisted: r.waitlisted,
    hours: r.creditHours,
    status: te(`courseStatus.${r.status}`),
  }));
}

export async function participantsWorkbook(
  course: { title: string; startOn: string; endOn: string; creditHours: number },
  sessions: number,
  rows: ParticipantRow[],
  t: TFunction,
  te: TFunction,
): Promise<Buffer> {
  const columns = [
    { header: t("participants.name"), key: "name", width: 32 },
    { header: t("participants.facility"), key: "facility", width: 24 },
    { header: t("participants.status"), key: "status", width: 16 },
    { header: t("export.position"), key: "position", width: 10 },
    { header: t("participants.attended"), key: "attended", width: 12 },
    { header: t("export.sessions"), key: "sessions", width: 10 },
    { header: t("participants.score"), key: "score", width: 8 },
    { header: t("export.certificate"), key: "certificate", width: 22 },
    { header: t("export.completedOn"), key: "completedOn", width: 12 },
    { header: t("fields.creditHours"), key: "hours", width: 10 },
  ];
  const footer = [`${course.title} (${course.startOn} – ${course.endOn})`];
  return oneSheetWorkbook(t("export.participantsSheet"), columns, rows, (r) => ({
    name: r.fullName,
    facility: r.facilityName,
    status: te(`enrolmentStatus.${r.status}`),
    position: r.waitlistPosition ?? "",
    attended: r.attended,
    sessions,
    score: r.score ?? "",
    certificate: r.certificateNumber ?? "",
    completedOn: r.completedOn ?? "",
    hours: r.status === "completed" ? course.creditHours : "",
  }), footer);
}
