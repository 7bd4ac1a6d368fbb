// Demo competence levels (Law 15/2023) of the network's care facilities, recorded through the
// reclassification commands: hospitals classified when the law took effect (1 January 2024),
// and the 1 July 2025 reorganisation as one batch decision per province for its regional
// medical centres and commune stations. Plausible, not official: central hospitals
// specialised; provincial hospitals specialised (grade special or I) or basic; regional
// centres basic; commune stations initial.
import { inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities } from "~/db/schema";
import type { CompetenceLevel, FacilityKind, Grade } from "~/models/enums";
import { reclassifyFacilities } from "~/models/facilities/classifications.server";

export const LAW_15_IN_FORCE = "2024-01-01";
export const REORGANISATION_DATE = "2025-07-01";
const LAW_DECISION = "Xếp cấp theo Luật KBCB 2023";

function hospitalCompetence(kind: FacilityKind, grade: Grade): CompetenceLevel | null {
  if (kind === "central_hospital") return "specialised";
  if (kind === "provincial_hospital" || kind === "specialised_hospital") return grade === "special" || grade === "I" ? "specialised" : "basic";
  return null;
}

const REORGANISED: Partial<Record<FacilityKind, CompetenceLevel>> = { regional_centre: "basic", commune_station: "initial" };

/** Records the demo classifications of the facilities in `facilityIds`; returns a summary for the log. */
export function seedClassifications(db: Db, facilityIds: Map<string, number>, today: string): string {
  const ids = [...facilityIds.values()];
  if (ids.length === 0) return "0 facilities classified";
  const rows = db
    .select({ id: facilities.id, kind: facilities.kind, grade: facilities.grade, provinceCode: facilities.provinceCode, openedOn: facilities.openedOn })
    .from(facilities)
    .where(inArray(facilities.id, ids))
    .all();
  // Same decision, same level: one batch per (date, competence, province) as a department records it.
  const batches = new Map<string, { ids: number[]; competence: CompetenceLevel; validFrom: string; decisionNumber: string }>();
  const add = (id: number, competence: CompetenceLevel, validFrom: string, decisionNumber: string) => {
    const key = `${validFrom}|${competence}|${decisionNumber}`;
    const batch = batches.get(key) ?? { ids: [], competence, validFrom, decisionNumber };
    batch.ids.push(id);
    batches.set(key, batch);
  };
  for (const f of rows) {
    const hospital = hospitalCompetence(f.kind, f.grade);
    if (hospital && LAW_15_IN_FORCE <= today && (!f.openedOn || f.openedOn <= LAW_15_IN_FORCE)) {
      add(f.id, hospital, LAW_15_IN_FORCE, LAW_DECISION);
    }
    const reorganised = REORGANISED[f.kind];
    if (reorganised && REORGANISATION_DATE <= today && (!f.openedOn || f.openedOn <= REORGANISATION_DATE)) {
      // One decision number per province (the provincial People's Committee decides).
      add(f.id, reorganised, REORGANISATION_DATE, `${f.provinceCode ?? "00"}/2025/QĐ-UBND sắp xếp`);
    }
  }
  let count = 0;
  for (const batch of batches.values()) {
    count += reclassifyFacilities(db, null, batch.ids, batch, today).length;
  }
  return `${count} competence decisions`;
}
