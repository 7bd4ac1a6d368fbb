// Every namespace of one language, as one module: the browser loads only its reader's
// language (entry.client imports this file on demand); the server holds both (i18n/resources.ts).
import admin from "./admin";
import adoption from "./adoption";
import agreements from "./agreements";
import auth from "./auth";
import catalogue from "./catalogue";
import common from "./common";
import courses from "./courses";
import enums from "./enums";
import facilities from "./facilities";
import imports from "./imports";
import offline from "./offline";
import planning from "./planning";
import reports from "./reports";
import rotations from "./rotations";
import solver from "./solver";
import staff from "./staff";
import tele from "./tele";

// Order matters once: a stale save's field names are looked up under `<ns>:fields.<name>` in
// this order (NAMESPACES in i18n.ts), the first match naming the field.
export default { common, enums, catalogue, facilities, imports, auth, admin, agreements, rotations, courses, adoption, reports, staff, planning, solver, tele, offline } as const;
