import { useTranslation } from "react-i18next";

type Props = {
  /** Query-string name; `q` on every list. */
  name?: string;
  defaultValue?: string;
  label?: string;
  placeholder?: string;
  id?: string;
};

/** The search field of a GET filter form: labelled, `type="search"`, keeps the current query. */
export function SearchBox({ name = "q", defaultValue, label, placeholder, id }: Props) {
  const { t } = useTranslation("common");
  const inputId = id ?? `filter-${name}`;
  return (
    <div className="min-w-0 flex-1 basis-full sm:basis-64">
      <label htmlFor={inputId} className="label">
        {label ?? t("search")}
      </label>
      <input
        id={inputId}
        type="search"
        name={name}
        defaultValue={defaultValue ?? ""}
        placeholder={placeholder ?? t("searchPlaceholder")}
        className="input"
        autoComplete="off"
        enterKeyHint="search"
      />
    </div>
  );
}
