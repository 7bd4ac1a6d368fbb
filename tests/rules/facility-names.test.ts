import { describe, expect, it } from "vitest";
import { facilityDisplayName, facilityShortDisplayName } from "~/models/facilities/names";

const bachMai = { name: "Bệnh viện Bạch Mai", shortName: "BV Bạch Mai", nameEn: "Bach Mai Hospital" };
const station = { name: "Trạm Y tế xã Tả Phìn", shortName: "TYT Tả Phìn", nameEn: null };

describe("facility display names", () => {
  it("shows the English name to English readers when one is stored", () => {
    expect(facilityDisplayName(bachMai, "en")).toBe("Bach Mai Hospital");
    expect(facilityShortDisplayName(bachMai, "en")).toBe("Bach Mai Hospital");
  });

  it("shows the Vietnamese names to Vietnamese readers whatever is stored", () => {
    expect(facilityDisplayName(bachMai, "vi")).toBe("Bệnh viện Bạch Mai");
    expect(facilityShortDisplayName(bachMai, "vi")).toBe("BV Bạch Mai");
  });

  it("falls back to the Vietnamese names when no English name is stored (null, empty or blank)", () => {
    expect(facilityDisplayName(station, "en")).toBe("Trạm Y tế xã Tả Phìn");
    expect(facilityShortDisplayName(station, "en")).toBe("TYT Tả Phìn");
    expect(facilityDisplayName({ ...bachMai, nameEn: "" }, "en")).toBe("Bệnh viện Bạch Mai");
    expect(facilityDisplayName({ ...bachMai, nameEn: "   " }, "en")).toBe("Bệnh viện Bạch Mai");
    expect(facilityDisplayName({ name: "X" }, "en")).toBe("X");
  });

  it("trims a stored English name", () => {
    expect(facilityDisplayName({ ...bachMai, nameEn: "  Bach Mai Hospital " }, "en")).toBe("Bach Mai Hospital");
  });
});
