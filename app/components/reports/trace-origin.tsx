// How a report pair came (through an agreement, transferred, in-house, imported), with the
// agreement linked when the reader may open it; shared by the drill-down and the pair's story.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// Origins that are adoption sources read as the ledger names them (one string for both).
const ORIGIN_LABEL: Record<string, string> = { in_house: "enums:adoptionSource.in_house", import: "enums:adoptionSource.import" };

export type OriginView = {
  origin: "agreement" | "transfer" | "in_house" | "import" | "unrecorded";
  agreementId: number | null;
  agreementNumber: string | null;
  transferItemId: number | null;
  agreementReadable: boolean;
};

export function TraceOrigin({ origin }: { origin: OriginView }) {
  const { t } = useTranslation("planning");
  if (origin.origin !== "agreement" || origin.agreementId === null) {
    return <span data-testid="pair-origin" data-origin={origin.origin}>{t(ORIGIN_LABEL[origin.origin] ?? `trace.origin.${origin.origin}`)}</span>;
  }
  const label = t("trace.origin.agreement", { number: origin.agreementNumber });
  if (!origin.agreementReadable) return <span data-testid="pair-origin" data-origin="agreement">{label}</span>;
  const href = origin.transferItemId ? `/agreements/${origin.agreementId}/items/${origin.transferItemId}` : `/agreements/${origin.agreementId}`;
  return (
    <Link to={href} className="link" data-testid="pair-origin" data-origin="agreement">
      {label}
    </Link>
  );
}
