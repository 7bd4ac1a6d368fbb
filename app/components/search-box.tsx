import { Field } from "~/components/fields";
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
    <Field
      className="min-w-0 flex-1 basis-full sm:basis-64"
      field={{ id: inputId }}
      label={label ?? t("search")}
      inputProps={{
        type: "search",
        name,
        defaultValue: defaultValue ?? "",
        placeholder: placeholder ?? t("searchPlaceholder"),
        autoComplete: "off",
        enterKeyHint: "search",
      }}
    />
  );
}
