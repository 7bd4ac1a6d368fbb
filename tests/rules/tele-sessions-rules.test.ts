import { expect, test } from "vitest";
import { RESOLVED_LOCALLY_OUTCOMES, TELE_OUTCOMES } from "~/models/enums";
import { creditHoursForMinutes } from "~/models/credits/rules";
import { checkPlanLine, checkSessionDate, isResolvedLocally, isValidDuration, namesFromText, participantOnItsSide } from "~/models/tele/sessions";
import { consultationSchema, sessionFilterSchema, trainingSchema } from "~/models/tele/sessions-schemas";

test("duration runs from 5 to 600 whole minutes", () => {
  expect([4, 5, 600, 601, 30.5].map(isValidDuration)).toEqual([false, true, true, false, false]);
});

test("a consultation is never dated after today; a training session may be entered ahead", () => {
  expect(checkSessionDate("consultation", "2026-12-02", "2026-12-02")).toBeNull();
  expect(checkSessionDate("consultation", "2026-12-03", "2026-12-02")).toEqual(expect.objectContaining({ message: "tele:sessions.errors.future", field: "heldOn", status: 400 }));
  expect(checkSessionDate("training", "2026-12-03", "2026-12-02")).toBeNull();
});

test("advice only and treated locally are resolved locally; referred up is not", () => {
  expect(TELE_OUTCOMES.filter((o) => isResolvedLocally(o))).toEqual([...RESOLVED_LOCALLY_OUTCOMES]);
  expect(isResolvedLocally("referred_up")).toBe(false);
  expect(isResolvedLocally(null)).toBe(false);
});

test("a participant belongs to the side it is listed on", () => {
  expect(participantOnItsSide({ side: "hub", staffFacilityId: 1, listedFacilityId: 1 }, 1, [2, 3])).toBe(true);
  expect(participantOnItsSide({ side: "hub", staffFacilityId: 2, listedFacilityId: 2 }, 1, [2, 3])).toBe(false);
  expect(participantOnItsSide({ side: "spoke", staffFacilityId: 3, listedFacilityId: 3 }, 1, [2, 3])).toBe(true);
  expect(participantOnItsSide({ side: "spoke", staffFacilityId: 1, listedFacilityId: 1 }, 1, [2, 3])).toBe(false);
  expect(participantOnItsSide({ side: "spoke", staffFacilityId: 3, listedFacilityId: 2 }, 1, [2, 3])).toBe(false);
});

test("a plan line runs from the hub to a spoke of the session and teaches its technique", () => {
  const line = { fromFacilityId: 1, toFacilityId: 2, techniqueId: 7 };
  expect(checkPlanLine(line, { hubFacilityId: 1, spokeFacilityIds: [2], techniqueId: null })).toBeNull();
  expect(checkPlanLine(line, { hubFacilityId: 1, spokeFacilityIds: [2], techniqueId: 7 })).toBeNull();
  expect(checkPlanLine(line, { hubFacilityId: 1, spokeFacilityIds: [3], techniqueId: null })?.message).toBe("tele:sessions.errors.lineNotBetween");
  expect(checkPlanLine(line, { hubFacilityId: 2, spokeFacilityIds: [1], techniqueId: null })?.message).toBe("tele:sessions.errors.lineNotBetween");
  expect(checkPlanLine(line, { hubFacilityId: 1, spokeFacilityIds: [2], techniqueId: 8 })?.message).toBe("tele:sessions.errors.lineTechnique");
});

test("credit hours are the minutes over sixty, to the hundredth", () => {
  expect(creditHoursForMinutes(90)).toBe(1.5);
  expect(creditHoursForMinutes(120)).toBe(2);
  expect(creditHoursForMinutes(50)).toBe(0.83);
});

test("names typed one per line are trimmed, deduplicated and blanks dropped", () => {
  expect(namesFromText(" BS An \n\nBS Bình; BS An ")).toEqual(["BS An", "BS Bình"]);
  expect(namesFromText(undefined)).toEqual([]);
});

test("the forms refuse a bad time, a duration out of bounds, no spoke and an odd idempotency key", () => {
  const base = { hubFacilityId: "1", spokeFacilityId: "2", heldOn: "01/12/2026", startTime: "14:00", durationMinutes: "45", chapterNumber: "10", title: "Ca chấn thương", outcome: "advice_only" };
  expect(consultationSchema.safeParse(base).success).toBe(true);
  const issues = (input: object) => consultationSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);
  expect(issues({ startTime: "25:00" })).toEqual([["startTime", "tele:sessions.errors.startTime"]]);
  expect(issues({ durationMinutes: "4" })).toEqual([["durationMinutes", "tele:sessions.errors.duration"]]);
  expect(issues({ durationMinutes: "601" })).toEqual([["durationMinutes", "tele:sessions.errors.duration"]]);
  expect(issues({ idempotencyKey: "x'; drop" })?.[0][0]).toBe("idempotencyKey");
  expect(consultationSchema.parse({ ...base, idempotencyKey: "" }).idempotencyKey).toBeUndefined();
  const training = trainingSchema.safeParse({ hubFacilityId: "1", heldOn: "2026-12-01", startTime: "08:00", durationMinutes: "90", title: "Chủ đề" });
  expect(training.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["spokeFacilityIds", "tele:sessions.errors.chooseSpoke"]]);
});

test("odd log filters are no filter", () => {
  expect(sessionFilterSchema.parse({ kind: "x", hub: "-1", outcome: "nope", from: "31/02/2026", q: " mổ " })).toEqual({ q: "mổ" });
});
