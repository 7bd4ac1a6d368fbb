import { Field } from "~/components/fields";

/** The accepted spreadsheet types of every import form. */
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A spreadsheet file input with its label, hint and errors wired by id (every import page). */
export function ImportFileField({ id = "file", label, hint, errors }: { id?: string; label: string; hint?: string; errors?: string[] }) {
  return (
    <Field
      field={{ id, errors }}
      label={label}
      description={hint}
      inputProps={{ name: "file", type: "file", required: true, accept: ACCEPT, className: "input mt-1 w-full" }}
    />
  );
}
