import { FieldError } from "~/components/form";

/** The accepted spreadsheet types of every import form. */
const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A spreadsheet file input with its label, hint and errors wired by id (every import page). */
export function ImportFileField({ id = "file", label, hint, errors }: { id?: string; label: string; hint?: string; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className="label">{label}</label>
      <input
        id={id}
        name="file"
        type="file"
        required
        accept={ACCEPT}
        className="input mt-1 w-full"
        aria-describedby={`${hint ? `${id}-hint ` : ""}${id}-error`}
        aria-invalid={errors?.length ? true : undefined}
      />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
