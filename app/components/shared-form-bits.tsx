// Pieces the agreement and course forms share. A row of a growing list (a party, a session)
// has no conform metadata of its own: its control's id and the errors found under its name are
// wired here the way `Field` wires a whole field, so `aria-describedby` names the error list
// that is shown under the control, and only while it is shown.
import { FieldError } from "~/components/form";

/** The id, invalid state and description of one control of a growing row, and its error list's id. */
export function rowControl(id: string, errors: string[] | undefined) {
  const errorId = `${id}-error`;
  const invalid = (errors?.length ?? 0) > 0;
  return {
    errorId,
    errors,
    props: { id, "aria-invalid": invalid || undefined, "aria-describedby": invalid ? errorId : undefined },
  };
}

/** The error list under a row's control, under the id its `aria-describedby` names. */
export function RowError({ control }: { control: ReturnType<typeof rowControl> }) {
  return <FieldError id={control.errorId} errors={control.errors} />;
}
