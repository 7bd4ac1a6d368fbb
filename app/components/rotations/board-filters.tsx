import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-bar";
import { SearchBox } from "~/components/search-box";
import { ROTATION_DISPLAY_STATUSES } from "~/models/enums";

/** The search and status filters the rotation list and the board share (inside their FilterBar). */
export function RotationFilters({ q, status }: { q?: string; status?: string | null }) {
  const { t } = useTranslation("rotations");
  const { t: te } = useTranslation("enums");
  return (
    <>
      <SearchBox defaultValue={q} label={t("list.searchLabel")} />
      <FilterSelect
        name="status"
        label={t("columns.status")}
        defaultValue={status}
        options={ROTATION_DISPLAY_STATUSES.map((s) => ({ value: s, label: te(`rotationStatus.${s}`) }))}
      />
    </>
  );
}
