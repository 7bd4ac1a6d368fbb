// A control of a growing row (a party, a session) names its error list only while there is one,
// under the same `<id>-error` the shared fields use.
import { describe, expect, test } from "vitest";
import { rowControl } from "~/components/shared-form-bits";

describe("rowControl", () => {
  test("without errors the control is neither invalid nor described", () => {
    const c = rowControl("party-1-code", undefined);
    expect(c.props).toEqual({ id: "party-1-code", "aria-invalid": undefined, "aria-describedby": undefined });
    expect(c.errorId).toBe("party-1-code-error");
  });

  test("with errors it is invalid and described by its error list", () => {
    const c = rowControl("session-0-heldOn", ["common:errors.date"]);
    expect(c.props).toEqual({ id: "session-0-heldOn", "aria-invalid": true, "aria-describedby": "session-0-heldOn-error" });
    expect(c.errors).toEqual(["common:errors.date"]);
  });
});
