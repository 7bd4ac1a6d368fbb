import enAdmin from "./locales/en/admin";
import enAdoption from "./locales/en/adoption";
import enAgreements from "./locales/en/agreements";
import enAuth from "./locales/en/auth";
import enCatalogue from "./locales/en/catalogue";
import enCommon from "./locales/en/common";
import enCourses from "./locales/en/courses";
import enEnums from "./locales/en/enums";
import enFacilities from "./locales/en/facilities";
import enImports from "./locales/en/imports";
import enReports from "./locales/en/reports";
import enRotations from "./locales/en/rotations";
import enStaff from "./locales/en/staff";
import viAdmin from "./locales/vi/admin";
import viAdoption from "./locales/vi/adoption";
import viAgreements from "./locales/vi/agreements";
import viAuth from "./locales/vi/auth";
import viCatalogue from "./locales/vi/catalogue";
import viCommon from "./locales/vi/common";
import viCourses from "./locales/vi/courses";
import viEnums from "./locales/vi/enums";
import viFacilities from "./locales/vi/facilities";
import viImports from "./locales/vi/imports";
import viReports from "./locales/vi/reports";
import viRotations from "./locales/vi/rotations";
import viStaff from "./locales/vi/staff";

// One namespace per area. Order matters once: a stale save's field names are looked up
// under `<ns>:fields.<name>` in this order, the first match naming the field.
// Both languages are bundled so a page never waits for a translation file to load; the
// price is their weight (about 260 KB of source) in every page's script.
export const resources = {
  vi: {
    common: viCommon,
    enums: viEnums,
    catalogue: viCatalogue,
    facilities: viFacilities,
    imports: viImports,
    auth: viAuth,
    admin: viAdmin,
    agreements: viAgreements,
    rotations: viRotations,
    courses: viCourses,
    adoption: viAdoption,
    reports: viReports,
    staff: viStaff,
  },
  en: {
    common: enCommon,
    enums: enEnums,
    catalogue: enCatalogue,
    facilities: enFacilities,
    imports: enImports,
    auth: enAuth,
    admin: enAdmin,
    agreements: enAgreements,
    rotations: enRotations,
    courses: enCourses,
    adoption: enAdoption,
    reports: enReports,
    staff: enStaff,
  },
} as const;

export const NAMESPACES = Object.keys(resources.vi) as (keyof (typeof resources)["vi"])[];
