import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form";
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
      <div>
        <label htmlFor={role.id} className="label">
          {t("users.role")}
        </label>
        <select {...getSelectProps(role)} className="input" onChange={(e) => setCurrent(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {te(`role.${r}`)}
            </option>
          ))}
        </select>
        <FieldError id={role.errorId} errors={role.errors} />
      </div>
      {reach === "facility" ? (
        <div>
          <label htmlFor={facilityCode.id} className="label">
            {t("users.facility")}
          </label>
          <input {...getInputProps(facilityCode, { type: "text" })} className="input" list="facility-options" autoComplete="off" />
          <datalist id="facility-options">
            {facilityOptions.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name}
              </option>
            ))}
          </datalist>
          <p className="mt-1 text-xs text-slate-500">{t("users.facilityHint")}</p>
          <FieldError id={facilityCode.errorId} errors={facilityCode.errors} />
        </div>
      ) : null}
      {reach === "province" ? (
        <div>
          <label htmlFor={provinceCode.id} className="label">
            {t("users.province")}
          </label>
          <select {...getSelectProps(provinceCode)} className="input">
            <option value="">{t("users.choose")}</option>
            {provinceOptions.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError id={provinceCode.errorId} errors={provinceCode.errors} />
        </div>
      ) : null}
    </>
  );
}
