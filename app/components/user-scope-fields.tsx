import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { roleReach } from "~/models/access/policy";
import { ROLES, type Role } from "~/models/enums";

type Option = { code: string; name: string };

/**
 * Role, then the scope the role needs: a facility (director, trainer, viewer) or a province
 * (department). The other scope field is hidden and ignored by the server.
 */
export function UserScopeFields({
  role,
  facilityCode,
  provinceCode,
  facilityOptions,
  provinceOptions,
}: {
  role: FieldMetadata<Role>;
  facilityCode: FieldMetadata<string | undefined>;
  provinceCode: FieldMetadata<string | undefined>;
  facilityOptions: Option[];
  provinceOptions: Option[];
}) {
  const { t } = useTranslation("admin");
  const { t: te } = useTranslation("enums");
  const [current, setCurrent] = useState<Role>((role.initialValue as Role | undefined) ?? "viewer");
  const reach = (ROLES as readonly string[]).includes(current) ? roleReach(current) : null;
  return (
    <>
      <SelectField field={role} label={t("users.role")} selectProps={{ ...getSelectProps(role), onChange: (e) => setCurrent(e.target.value as Role) }}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {te(`role.${r}`)}
          </option>
        ))}
      </SelectField>
      {reach === "facility" ? (
        <div>
          <Field
            field={facilityCode}
            label={t("users.facility")}
            description={t("users.facilityHint")}
            inputProps={{ ...getInputProps(facilityCode, { type: "text" }), list: "facility-options", autoComplete: "off" }}
          />
          <datalist id="facility-options">
            {facilityOptions.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name}
              </option>
            ))}
          </datalist>
        </div>
      ) : null}
      {reach === "province" ? (
        <SelectField field={provinceCode} label={t("users.province")} selectProps={getSelectProps(provinceCode)}>
          <option value="">{t("users.choose")}</option>
          {provinceOptions.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}

type UserFieldsProps = {
  fields: {
    displayName: FieldMetadata<string>;
    email: FieldMetadata<string | undefined>;
    role: FieldMetadata<Role>;
    facilityCode: FieldMetadata<string | undefined>;
    provinceCode: FieldMetadata<string | undefined>;
  };
  facilityOptions: Option[];
  provinceOptions: Option[];
};

/** What the new-user and the edit-user forms both ask: name, e-mail, role and its scope. */
export function UserFields({ fields, facilityOptions, provinceOptions }: UserFieldsProps) {
  const { t } = useTranslation("admin");
  return (
    <>
      <Field field={fields.displayName} label={t("users.displayName")} inputProps={getInputProps(fields.displayName, { type: "text" })} />
      <Field field={fields.email} label={t("users.email")} inputProps={getInputProps(fields.email, { type: "email" })} />
      <UserScopeFields
        role={fields.role}
        facilityCode={fields.facilityCode}
        provinceCode={fields.provinceCode}
        facilityOptions={facilityOptions}
        provinceOptions={provinceOptions}
      />
    </>
  );
}

/** A password an administrator sets (a new account's first one, or a reset), with the policy as its hint. */
export function NewPasswordField<Schema>({ field, label }: { field: FieldMetadata<Schema>; label: string }) {
  const { t } = useTranslation("admin");
  return (
    <Field
      field={field}
      label={label}
      description={t("users.passwordHint")}
      inputProps={{ ...getInputProps(field, { type: "password" }), autoComplete: "new-password" }}
    />
  );
}
