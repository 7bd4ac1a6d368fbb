import { useTranslation } from "react-i18next";
import type { NavKey } from "./nav";

/** The page of an area whose issue has not landed yet: names the area and says it is coming. */
export function ComingSoon({ area }: { area: NavKey }) {
  const { t } = useTranslation("common");
  return (
    <section className="card">
      <h1 className="page-title">{t(`nav.${area}`)}</h1>
      <p className="mt-2 font-medium text-slate-700">{t("coming.title")}</p>
      <p className="mt-1 text-slate-600">{t("coming.body")}</p>
    </section>
  );
}
