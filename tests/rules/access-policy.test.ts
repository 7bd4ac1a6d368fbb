import { expect, test } from "vitest";
import {
  canChange,
  canRead,
  canReadProvinceRecord,
  capabilityTable,
  choosesFacility,
  defaultRequiresTotp,
  facilityHeadRoles,
  filterWithinReach,
  hasCapability,
  ownFacilityId,
  ownProvinceCode,
  readFilter,
  readsEverything,
  roleReach,
  roleShortcuts,
  scopeOfAccount,
  type Actor,
  type Capability,
} from "~/models/access/policy";
import { ROLES, type Role } from "~/models/enums";

const LAO_CAI = "15";
const BAC_NINH = "24";
const LAO_CAI_2 = { facilityId: 2, provinceCode: LAO_CAI };
const LAO_CAI_3 = { facilityId: 3, provinceCode: LAO_CAI };
const BAC_NINH_HOSPITAL = { facilityId: 9, provinceCode: BAC_NINH };

const actors: Record<Role, Actor> = {
  admin: { userId: 1, role: "admin", facilityId: null, provinceCode: null },
  department: { userId: 2, role: "department", facilityId: null, provinceCode: LAO_CAI },
  director: { userId: 3, role: "director", facilityId: 2, provinceCode: LAO_CAI },
  trainer: { userId: 4, role: "trainer", facilityId: 2, provinceCode: LAO_CAI },
  viewer: { userId: 5, role: "viewer", facilityId: 2, provinceCode: LAO_CAI },
};

// The permission table of the README: what each role may do (✓) and may not (absent).
const MAY: Record<Role, Capability[]> = {
  admin: ["catalogue.manage", "facilities.manage", "users.manage", "audit.read", "agreements.manage", "staff.manage", "rotations.manage", "courses.manage", "caseLogs.manage", "techniqueList.submit", "techniqueList.approve", "adoption.manage", "adoption.import", "targets.manage", "telehealth.manage"],
  department: ["audit.read", "facilities.manage", "techniqueList.approve", "adoption.import", "targets.manage"],
  director: ["agreements.manage", "staff.manage", "caseLogs.manage", "techniqueList.submit", "adoption.manage", "adoption.import", "telehealth.manage"],
  trainer: ["rotations.manage", "courses.manage", "caseLogs.manage", "telehealth.manage"],
  viewer: [],
};
const ALL: Capability[] = MAY.admin;

test("each role has exactly the capabilities of the permission table", () => {
  for (const role of ROLES) {
    for (const capability of ALL) {
      expect(hasCapability(actors[role], capability), `${role} ${capability}`).toBe(MAY[role].includes(capability));
    }
  }
  // Administrators can do everything there is, including capabilities added later.
  for (const capability of Object.values(capabilityTable()).flat()) {
    expect(hasCapability(actors.admin, capability)).toBe(true);
  }
});

test("only administrators manage users and the catalogue; administrators and departments read the audit trail", () => {
  expect(ROLES.filter((r) => hasCapability(actors[r], "users.manage"))).toEqual(["admin"]);
  expect(ROLES.filter((r) => hasCapability(actors[r], "catalogue.manage"))).toEqual(["admin"]);
  expect(ROLES.filter((r) => hasCapability(actors[r], "audit.read"))).toEqual(["admin", "department"]);
});

test("the department reads every facility of its province and nothing outside it", () => {
  expect(canRead(actors.department, LAO_CAI_2)).toBe(true);
  expect(canRead(actors.department, LAO_CAI_3)).toBe(true);
  expect(canRead(actors.department, BAC_NINH_HOSPITAL)).toBe(false);
  expect(readFilter(actors.department)).toEqual({ kind: "province", provinceCode: LAO_CAI });
});

test("facility roles read their own facility, and a shared record when one of its facilities is theirs", () => {
  for (const role of ["director", "trainer", "viewer"] as const) {
    expect(canRead(actors[role], LAO_CAI_2)).toBe(true);
    expect(canRead(actors[role], LAO_CAI_3)).toBe(false);
    expect(canRead(actors[role], [BAC_NINH_HOSPITAL, LAO_CAI_2])).toBe(true);
    expect(readFilter(actors[role])).toEqual({ kind: "facility", facilityId: 2 });
  }
  expect(canRead(actors.admin, BAC_NINH_HOSPITAL)).toBe(true);
  expect(readFilter(actors.admin)).toEqual({ kind: "all" });
});

test("a director changes its own facility's agreements, never another hospital's", () => {
  expect(canChange(actors.director, "agreements.manage", LAO_CAI_2)).toBe(true);
  expect(canChange(actors.director, "agreements.manage", LAO_CAI_3)).toBe(false);
  expect(canChange(actors.director, "rotations.manage", LAO_CAI_2)).toBe(false);
});

test("a trainer schedules rotations and courses of its facility but cannot sign agreements", () => {
  expect(canChange(actors.trainer, "rotations.manage", LAO_CAI_2)).toBe(true);
  expect(canChange(actors.trainer, "courses.manage", LAO_CAI_2)).toBe(true);
  expect(canChange(actors.trainer, "courses.manage", LAO_CAI_3)).toBe(false);
  expect(canChange(actors.trainer, "agreements.manage", LAO_CAI_2)).toBe(false);
});

test("the department approves technique lists and sets targets in its province only", () => {
  expect(canChange(actors.department, "techniqueList.approve", LAO_CAI_3)).toBe(true);
  expect(canChange(actors.department, "targets.manage", BAC_NINH_HOSPITAL)).toBe(false);
  expect(canChange(actors.department, "agreements.manage", LAO_CAI_3)).toBe(false);
});

test("a viewer changes nothing, and an account without a scope reads nothing", () => {
  for (const capability of ALL) expect(canChange(actors.viewer, capability, LAO_CAI_2)).toBe(false);
  const unscoped: Actor = { userId: 9, role: "director", facilityId: null, provinceCode: null };
  expect(readFilter(unscoped)).toEqual({ kind: "none" });
  expect(canRead(unscoped, { facilityId: null, provinceCode: null })).toBe(false);
});

test("a role's reach decides the scope its account carries: a facility (and its province), a province, or none", () => {
  const account = { facilityId: 7, provinceCode: "24", facilityProvinceCode: LAO_CAI };
  expect(scopeOfAccount("director", account)).toEqual({ facilityId: 7, provinceCode: LAO_CAI });
  expect(scopeOfAccount("viewer", account)).toEqual({ facilityId: 7, provinceCode: LAO_CAI });
  expect(scopeOfAccount("department", account)).toEqual({ facilityId: null, provinceCode: "24" });
  expect(scopeOfAccount("admin", account)).toEqual({ facilityId: null, provinceCode: null });
  expect(ROLES.map((r) => roleReach(r))).toEqual(["all", "province", "facility", "facility", "facility"]);
});

test("the reach helpers: who works in one facility, who is confined to a province, who chooses", () => {
  expect(ROLES.map((r) => ownFacilityId(actors[r]))).toEqual([null, null, 2, 2, 2]);
  expect(ROLES.map((r) => ownProvinceCode(actors[r]))).toEqual([null, LAO_CAI, null, null, null]);
  expect(ROLES.filter((r) => choosesFacility(actors[r]))).toEqual(["admin", "department"]);
  expect(ROLES.filter((r) => readsEverything(actors[r]))).toEqual(["admin"]);
});

test("a report filter outside the reach is refused: another province for a department, another facility for a hospital", () => {
  expect(filterWithinReach(actors.department, { provinceCode: BAC_NINH })).toBe(false);
  expect(filterWithinReach(actors.department, { provinceCode: LAO_CAI, facilityId: 9 })).toBe(true);
  expect(filterWithinReach(actors.director, { facilityId: 3 })).toBe(false);
  expect(filterWithinReach(actors.director, { facilityId: 2 })).toBe(true);
  expect(filterWithinReach(actors.admin, { provinceCode: BAC_NINH, facilityId: 9 })).toBe(true);
});

test("the role table also answers the second-factor default, the overview shortcuts and who signs for a hospital", () => {
  expect(ROLES.filter((r) => defaultRequiresTotp(r))).toEqual(["admin", "department"]);
  expect(roleShortcuts("trainer")).toContain("/rotations/board");
  expect(facilityHeadRoles()).toEqual(["director"]);
  expect(ROLES.filter((r) => hasCapability(actors[r], "credits.overview"))).toEqual(["admin", "department", "director", "trainer"]);
  // Province-wide records (targets): the province's department and its facilities' users.
  expect(ROLES.filter((r) => canReadProvinceRecord(actors[r], LAO_CAI))).toEqual(ROLES);
  expect(ROLES.filter((r) => canReadProvinceRecord(actors[r], BAC_NINH))).toEqual(["admin"]);
});
