// Demo step: a year of remote sessions over the hub–spoke links and weekly schedules seeded before
// it. Lào Cai số 2 holds its Tuesday consultation (two to four cases each, most advised or
// treated at the spoke, fewer referred up as the year goes on); Bạch Mai teaches at its Thursday
// training, its spokes' staff attending and earning CME hours; one of số 2's sessions teaches a
// line of 126/HĐ-BVĐK2. Written through the sessions model, so every session obeys the rules a
// user meets (a link in force that day, participants on their own side). No adoption event is
// written: published figures stay put.
import { addDays, getISODay } from "date-fns";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  agreements,
  facilities,
  staff,
  teleLinks,
  teleSeries,
  teleSeriesSpokes,
  transferItems,
  users,
  techniques,
  type TeleSeries,
} from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { fromIsoDate, toIsoDate } from "~/models/dates";
import type { TeleOutcome } from "~/models/enums";
import { isLinkInForce } from "~/models/tele/links";
import { occurrences } from "~/models/tele/series";
import {
  recordConsultation,
  recordTraining,
} from "~/models/tele/sessions.server";
import {
  consultationSchema,
  trainingSchema,
} from "~/models/tele/sessions-schemas";
import type { SeedContext } from "./demo";
import { stampOn } from "./clock";
import { createPrng, type Prng } from "./prng";

const CASES: Record<number, string[]> = {
  2: [
    "Suy tim mất bù ở người cao tuổi",
    "Đái tháo đường nhiễm toan ceton",
    "Viêm phổi nặng kèm suy hô hấp",
    "Xuất huyết tiêu hóa trên",
    "Đột quỵ nhồi máu não trong cửa sổ điều trị",
  ],
  10: [
    "Chấn thương bụng kín nghi vỡ lách",
    "Gãy kín thân xương đùi",
    "Viêm ruột thừa biến chứng",
    "Tắc ruột sau mổ",
    "Chấn thương sọ não kín",
  ],
  13: [
    "Tiền sản giật nặng ở tuần 34",
    "Băng huyết sau sinh",
    "Ngôi mông, chuyển dạ kéo dài",
    "Thai ngoài tử cung vỡ",
    "Rau tiền đạo chảy máu",
  ],
};
const DEFAULT_CASES = [
  "Ca bệnh khó chẩn đoán cần ý kiến tuyến trên",
  "Theo dõi sau thủ thuật, xin ý kiến điều trị",
];
const TOPICS: Record<number, string[]> = {
  2: [
    "Cập nhật điều trị suy tim",
    "Thở máy không xâm nhập",
    "Kiểm soát đường huyết tại bệnh viện",
    "Xử trí sốc nhiễm khuẩn",
  ],
  10: [
    "Kỹ thuật khâu nối ruột",
    "Phẫu thuật nội soi ổ bụng cơ bản",
    "Xử trí đa chấn thương giờ đầu",
    "Cố định ngoài gãy xương hở",
  ],
  13: [
    "Xử trí băng huyết sau sinh",
    "Theo dõi chuyển dạ bằng biểu đồ",
    "Mổ lấy thai an toàn",
    "Hồi sức sơ sinh",
  ],
};
const DEFAULT_TOPICS = [
  "Cập nhật hướng dẫn chẩn đoán và điều trị",
  "An toàn người bệnh trong thủ thuật",
];

/**
 * Mostly advice only or treated locally; referrals up fall from about one case in four to one in
 * twelve over the year (`progress` 0 → 1) as the spokes take on more, the trend the
 * "resolved locally" chart is there to show.
 */
function outcomeOf(rng: Prng, progress: number): TeleOutcome {
  const referred = 0.25 - 0.17 * progress;
  const x = rng.next();
  return x < referred
    ? "referred_up"
    : x < referred + (1 - referred) * 0.5
    ? "advice_only"
    : "treated_locally";
}

function actorOf(db: Db, username: string): Actor {
  const user = db
    .select()
    .from(users)
    .where(eq(users.username, username))
    .get();
  if (!user)
    throw new Error(
      `tele-sessions seed: account ${username} missing (run the accounts step first)`
    );
  return {
    userId: user.id,
    role: user.role,
    facilityId: user.facilityId,
    provinceCode: user.provinceCode,
  };
}

/** Every date of the ISO weekday from a year before today up to `last`. */
function weekdays(today: string, weekday: number, last: string): string[] {
  let day = addDays(fromIsoDate(today), -364);
  while (getISODay(day) !== weekday) day = addDays(day, 1);
  const out: string[] = [];
  for (; toIsoDate(day) <= last; day = addDays(day, 7))
    out.push(toIsoDate(day));
  return out;
}

/** A hub's weekly schedule of a kind (the links step lays one out per hub), with its invited spokes. */
function scheduleOf(db: Db, hubFacilityId: number, kind: TeleSeries["kind"]) {
  const series = db
    .select()
    .from(teleSeries)
    .where(
      and(
        eq(teleSeries.hubFacilityId, hubFacilityId),
        eq(teleSeries.kind, kind)
      )
    )
    .orderBy(asc(teleSeries.id))
    .get();
  if (!series) return null;
  const spokes = db
    .select({ id: teleSeriesSpokes.spokeFacilityId })
    .from(teleSeriesSpokes)
    .where(eq(teleSeriesSpokes.seriesId, series.id))
    .all()
    .map((r) => r.id);
  return { series, spokes };
}

/** The held dates of a schedule up to today (within the last year), or every such weekday without one. */
function heldDates(
  today: string,
  weekday: number,
  schedule: ReturnType<typeof scheduleOf>
): string[] {
  const yearAgo = toIsoDate(addDays(fromIsoDate(today), -364));
  if (!schedule) return weekdays(today, weekday, today);
  return occurrences(schedule.series, yearAgo, 60).filter((d) => d <= today);
}

export function seedTeleSessions(db: Db, ctx: SeedContext): string {
  const rng = createPrng("tele-sessions");
  const id = (code: string) =>
    db
      .select({ id: facilities.id })
      .from(facilities)
      .where(eq(facilities.code, code))
      .get()?.id ?? null;
  const laoCai2 = id("LC-BVDK2");
  const bachMai = id("BM");
  const links = db.select().from(teleLinks).orderBy(asc(teleLinks.id)).all();
  const staffBy = new Map<
    number,
    { id: number; chapterNumber: number | null }[]
  >();
  const staffOf = (facilityId: number) => {
    if (!staffBy.has(facilityId)) {
      staffBy.set(
        facilityId,
        db
          .select({ id: staff.id, chapterNumber: staff.chapterNumber })
          .from(staff)
          .where(and(eq(staff.facilityId, facilityId), eq(staff.active, true)))
          .orderBy(asc(staff.id))
          .all()
      );
    }
    return staffBy.get(facilityId)!;
  };
  /** Up to `n` staff of a facility, those of the chapter first. */
  const people = (facilityId: number, chapter: number, n: number, r: Prng) => {
    const all = staffOf(facilityId);
    const own = r.shuffle(all.filter((s) => s.chapterNumber === chapter));
    const rest = r.shuffle(all.filter((s) => s.chapterNumber !== chapter));
    return [...own, ...rest].slice(0, n).map((s) => s.id);
  };
  const stamp = (date: string) => stampOn(ctx.clock, date, "07:30:00.000Z");
  let consultations = 0;
  let trainings = 0;

  if (laoCai2 !== null) {
    const actor = actorOf(db, "daotao.laocai2");
    const r = rng.fork("tuesday-clinic");
    const schedule = scheduleOf(db, laoCai2, "consultation");
    const dates = heldDates(ctx.today, 2, schedule);
    for (const [index, heldOn] of dates.entries()) {
      const open = links.filter(
        (l) =>
          l.hubFacilityId === laoCai2 &&
          isLinkInForce(l, heldOn) &&
          (!schedule ||
            ((schedule.series.chapterNumber === null ||
              l.chapterNumber === schedule.series.chapterNumber) &&
              schedule.spokes.includes(l.spokeFacilityId)))
      );
      // Two to four cases a clinic, each from a different link.
      for (const link of r.shuffle(open).slice(0, r.int(2, 4))) {
        const title = r.pick(CASES[link.chapterNumber] ?? DEFAULT_CASES);
        const input = consultationSchema.parse({
          hubFacilityId: laoCai2,
          spokeFacilityId: link.spokeFacilityId,
          seriesId: schedule?.series.id,
          heldOn,
          startTime: schedule?.series.startTime ?? "14:00",
          durationMinutes: schedule
            ? r.pick([
                Math.max(15, schedule.series.durationMinutes - 15),
                schedule.series.durationMinutes,
              ])
            : r.pick([30, 45, 60]),
          chapterNumber: link.chapterNumber,
          title,
          outcome: outcomeOf(r, index / Math.max(1, dates.length - 1)),
          hubStaffIds: people(laoCai2, link.chapterNumber, 1, r),
          spokeStaffIds: people(
            link.spokeFacilityId,
            link.chapterNumber,
            r.int(1, 2),
            r
          ),
        });
        recordConsultation(db, actor, input, {
          today: ctx.today,
          now: stamp(heldOn),
        });
        consultations += 1;
      }
    }

    // One session on a line of 126/HĐ-BVĐK2: its receiving team counts as trained on the line.
    const line = db
      .select({
        id: transferItems.id,
        toFacilityId: transferItems.toFacilityId,
        chapterNumber: techniques.chapterNumber,
        name: techniques.name,
      })
      .from(transferItems)
      .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
      .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
      .where(
        and(
          eq(agreements.number, "126/HĐ-BVĐK2"),
          eq(transferItems.fromFacilityId, laoCai2)
        )
      )
      .orderBy(
        asc(transferItems.phase),
        asc(transferItems.priority),
        asc(transferItems.id)
      )
      .all()
      .find((l) => {
        const heldOn = toIsoDate(addDays(fromIsoDate(ctx.today), -15));
        return links.some(
          (k) =>
            k.hubFacilityId === laoCai2 &&
            k.spokeFacilityId === l.toFacilityId &&
            k.chapterNumber === l.chapterNumber &&
            isLinkInForce(k, heldOn)
        );
      });
    if (line) {
      const heldOn = toIsoDate(addDays(fromIsoDate(ctx.today), -15));
      const attendees = people(line.toFacilityId, line.chapterNumber, 3, r);
      if (attendees.length > 0) {
        const input = trainingSchema.parse({
          hubFacilityId: laoCai2,
          spokeFacilityIds: [line.toFacilityId],
          heldOn,
          startTime: "08:30",
          durationMinutes: 120,
          transferItemId: line.id,
          title: `Đào tạo từ xa: ${line.name}`.slice(0, 300),
          hubStaffIds: people(laoCai2, line.chapterNumber, 1, r),
          attendeeStaffIds: attendees,
        });
        recordTraining(db, actor, input, {
          today: ctx.today,
          now: stamp(heldOn),
        });
        trainings += 1;
      }
    }
  }

  if (bachMai !== null) {
    const actor = actorOf(db, "gd.bachmai");
    const r = rng.fork("training");
    const schedule = scheduleOf(db, bachMai, "training");
    for (const heldOn of heldDates(ctx.today, 4, schedule)) {
      const open = links.filter(
        (l) =>
          l.hubFacilityId === bachMai &&
          isLinkInForce(l, heldOn) &&
          (!schedule || schedule.spokes.includes(l.spokeFacilityId))
      );
      if (open.length === 0) continue;
      const chapters = [...new Set(open.map((l) => l.chapterNumber))];
      const chapter =
        schedule?.series.chapterNumber &&
        chapters.includes(schedule.series.chapterNumber)
          ? schedule.series.chapterNumber
          : r.pick(chapters);
      const spokes = r
        .shuffle([
          ...new Set(
            open
              .filter((l) => l.chapterNumber === chapter)
              .map((l) => l.spokeFacilityId)
          ),
        ])
        .slice(0, r.int(1, 3));
      const attendees = spokes.flatMap((s) =>
        people(s, chapter, r.int(2, 4), r)
      );
      if (attendees.length === 0) continue;
      const input = trainingSchema.parse({
        hubFacilityId: bachMai,
        spokeFacilityIds: spokes,
        seriesId: schedule?.series.id,
        heldOn,
        startTime: schedule?.series.startTime ?? "08:00",
        durationMinutes:
          schedule?.series.durationMinutes ?? r.pick([90, 120, 180]),
        chapterNumber: chapter,
        title: r.pick(TOPICS[chapter] ?? DEFAULT_TOPICS),
        hubStaffIds: people(bachMai, chapter, 1, r),
        attendeeStaffIds: attendees,
      });
      recordTraining(db, actor, input, {
        today: ctx.today,
        now: stamp(heldOn),
      });
      trainings += 1;
    }
  }
  return `${consultations} tele-consultations, ${trainings} remote training sessions`;
}
