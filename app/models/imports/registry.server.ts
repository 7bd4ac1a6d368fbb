// Every kind of import and its handler: the preview page confirms a batch through this table.
import type { ImportKind } from "~/models/enums";
import { ledgerImport } from "~/models/adoption/import.server";
import { crosswalkImport } from "~/models/catalogue/crosswalk.server";
import { catalogueImport } from "~/models/catalogue/import.server";
import { facilitiesImport } from "~/models/facilities/import.server";
import { staffImport } from "~/models/staff/import.server";
import { planImport } from "~/models/transfers/plan-import.server";
import type { ImportHandler } from "./batches.server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const HANDLERS: Partial<Record<ImportKind, ImportHandler<any, any>>> = {
  catalogue: catalogueImport,
  crosswalk: crosswalkImport,
  facilities: facilitiesImport,
  staff: staffImport,
  ledger: ledgerImport,
  plan: planImport,
};

export function importHandler(kind: ImportKind): ImportHandler<unknown, unknown> | null {
  return HANDLERS[kind] ?? null;
}
