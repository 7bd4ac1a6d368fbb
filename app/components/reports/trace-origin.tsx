// How a report pair came (through an agreement, transferred, in-house, imported), with the
// agreement linked when the reader may open it; shared by the drill-down and the pair's story.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { originLabel } from "~/models/reports/origin";

export type OriginView = {
  origin: "agreement" | "transfer" | "in_house" | "import" | "unrecorded";
  agreementId: number | null;
  agreementNumber: string | null;
  transferItemId: number | null;
  agreementReadable: boolean;
};

export function TraceOrigin({ origin }: { origin: OriginView }) {
  const { t } = useTranslation("planning");
  const { key, params } = originLabel(origin);
  const label = t(key, params);
  if (origin.origin !== "agreement" || origin.agreementId === null || !origin.agreementReadable) {
    return (
      <span data-testid="pair-origin" data-origin={origin.origin}>
        {label}
      </span>
    );
  }
  const href = origin.transferItemId ? `/agreements/${origin.agreementId}/items/${origin.transferItemId}` : `/agreements/${origin.agreementId}`;
  return (
    <Link to={href} className="link" data-testid="pair-origin" data-origin="agreement">
      {label}
    </Link>
  );
}
