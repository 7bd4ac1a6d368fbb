import { expect, test } from "vitest";
import { checkItemDeletion, checkPartiesChange, requiredCoversLogged } from "~/models/transfers/rules";

test("the two ends of a line change only while it is planned and no rotation serves it", () => {
  expect(checkPartiesChange({ stage: "planned", rotations: 0 })).toBeNull();
  expect(checkPartiesChange({ stage: "surveyed", rotations: 0 })).toBe("agreements:errors.partiesFixed");
  expect(checkPartiesChange({ stage: "independent", rotations: 0 })).toBe("agreements:errors.partiesFixed");
  expect(checkPartiesChange({ stage: "accepted", rotations: 0 })).toBe("agreements:errors.partiesFixed");
  expect(checkPartiesChange({ stage: "planned", rotations: 1 })).toBe("agreements:errors.partiesServedByRotation");
});

test("the requirement may equal the supervised cases logged but not drop below them", () => {
  expect(requiredCoversLogged(3, 3)).toBe(true);
  expect(requiredCoversLogged(5, 3)).toBe(true);
  expect(requiredCoversLogged(2, 3)).toBe(false);
  expect(requiredCoversLogged(0, 0)).toBe(true);
});

test("only a planned line with no case and no rotation can be deleted; each refusal says why", () => {
  const none = { loggedCases: 0, rotations: 0 };
  expect(checkItemDeletion({ stage: "planned", ...none })).toBeNull();
  expect(checkItemDeletion({ stage: "accepted", ...none })).toBe("agreements:errors.deleteAccepted");
  expect(checkItemDeletion({ stage: "surveyed", ...none })).toBe("agreements:errors.deleteNotPlanned");
  expect(checkItemDeletion({ stage: "supervised", loggedCases: 2, rotations: 1 })).toBe("agreements:errors.deleteNotPlanned");
  expect(checkItemDeletion({ stage: "planned", loggedCases: 1, rotations: 0 })).toBe("agreements:errors.deleteHasCases");
  expect(checkItemDeletion({ stage: "planned", loggedCases: 0, rotations: 2 })).toBe("agreements:errors.deleteHasRotations");
});
