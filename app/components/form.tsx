import { useTranslation } from "react-i18next";
import { translateMessage } from "~/utils/messages";
import { installZodMessages } from "~/utils/zod-messages";

// Zod's default messages become translation keys wherever a form is rendered or validated.
installZodMessages();

/** Messages for one field, in the user's language, linked by id for screen readers. */
export function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="field-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{translateMessage(t, e)}</p>
      ))}
    </div>
  );
}

/** Messages for the whole form (rules across records: overlaps, gates, stale edits). */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800" role="alert">
      {errors.map((e) => (
        <p key={e}>{translateMessage(t, e)}</p>
      ))}
    </div>
  );
}
