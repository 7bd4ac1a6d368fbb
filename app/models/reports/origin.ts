// How a report pair came, as words: one definition for the drill-down page, the pair's story
// and the drill-down's CSV/XLSX export. Origins that are adoption sources read as the ledger
// names them; the others are the trace's own labels.
import type { OriginKind } from "./drill-down.server";

type OriginLabel = { key: string; params?: Record<string, string> };

export function originLabel(origin: { origin: OriginKind; agreementNumber: string | null }): OriginLabel {
  switch (origin.origin) {
    case "agreement":
      return origin.agreementNumber ? { key: "planning:trace.origin.agreement", params: { number: origin.agreementNumber } } : { key: "planning:trace.origin.agreementPlain" };
    case "in_house":
      return { key: "enums:adoptionSource.in_house" };
    case "import":
      return { key: "enums:adoptionSource.import" };
    default:
      return { key: `planning:trace.origin.${origin.origin}` };
  }
}
