// THE form fields: each wires its label, its description and its error list to the control by
// id, so `aria-describedby` always points at elements that exist and a screen reader reads the
// hint and the message with the field. Forms pass conform's field metadata (or, for a form
// without conform, an id and the errors) and the control's own props (conform's getInputProps,
// getSelectProps, getTextareaProps); the field sets the ids and the aria attributes last.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { DateField } from "~/components/date-field";
import { FieldError } from "~/components/form";

/** What a field needs to know about its value's state: conform's metadata has all of it. */
export type FieldState = { id: string; errors?: string[]; errorId?: string; descriptionId?: string };

type Common = {
  field: FieldState;
  label: ReactNode;
  /** A hint under the label, read with the control. */
  description?: ReactNode;
  className?: string;
};

function wiring(field: FieldState, description: ReactNode | undefined) {
  const errorId = field.errorId ?? `${field.id}-error`;
  const descriptionId = field.descriptionId ?? `${field.id}-description`;
  const invalid = (field.errors?.length ?? 0) > 0;
  const describedBy = [description ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(" ");
  return {
    errorId,
    descriptionId,
    control: { id: field.id, "aria-invalid": invalid || undefined, "aria-describedby": describedBy || undefined },
  };
}

function Description({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-1 text-xs text-slate-500">
      {children}
    </p>
  );
}

/** Label, hint, control (the children) and errors, wired by the ids `wiring` gave the control. */
function Labelled({ field, label, description, className, wiring: w, children }: Common & { wiring: ReturnType<typeof wiring>; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      {description ? <Description id={w.descriptionId}>{description}</Description> : null}
      {children}
      <FieldError id={w.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled text, number, email, password or date input (`type: "date"` is the dd/mm/yyyy DateField). */
export function Field({ field, label, description, className, inputProps }: Common & { inputProps: InputHTMLAttributes<HTMLInputElement> & { name: string } }) {
  const w = wiring(field, description);
  const { className: inputClass, ...props } = inputProps;
  return (
    <Labelled field={field} label={label} description={description} className={className} wiring={w}>
      {props.type === "date" ? (
        <DateField
          {...props}
          type="text"
          defaultValue={typeof props.defaultValue === "string" ? props.defaultValue : undefined}
          min={typeof props.min === "string" || typeof props.min === "number" ? props.min : undefined}
          max={typeof props.max === "string" || typeof props.max === "number" ? props.max : undefined}
          {...w.control}
        />
      ) : (
        <input {...props} className={inputClass ?? "input"} {...w.control} />
      )}
    </Labelled>
  );
}

/** A labelled select; the options are its children (a blank "choose" option included by the caller). */
export function SelectField({
  field,
  label,
  description,
  className,
  selectProps,
  children,
}: Common & { selectProps: SelectHTMLAttributes<HTMLSelectElement>; children: ReactNode }) {
  const w = wiring(field, description);
  const { className: selectClass, ...props } = selectProps;
  return (
    <Labelled field={field} label={label} description={description} className={className} wiring={w}>
      <select {...props} className={selectClass ?? "input"} {...w.control}>
        {children}
      </select>
    </Labelled>
  );
}

/** A labelled multi-line text box. */
export function TextareaField({ field, label, description, className, textareaProps }: Common & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const w = wiring(field, description);
  const { className: areaClass, ...props } = textareaProps;
  return (
    <Labelled field={field} label={label} description={description} className={className} wiring={w}>
      <textarea rows={3} {...props} className={areaClass ?? "input"} {...w.control} />
    </Labelled>
  );
}

/** A checkbox with its label beside it (the label wraps the box, so a tap on the words ticks it). */
export function CheckboxField({ field, label, description, className, inputProps }: Common & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const w = wiring(field, description);
  return (
    <div className={className}>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input {...inputProps} type="checkbox" {...w.control} />
        {label}
      </label>
      {description ? <Description id={w.descriptionId}>{description}</Description> : null}
      <FieldError id={w.errorId} errors={field.errors} />
    </div>
  );
}
