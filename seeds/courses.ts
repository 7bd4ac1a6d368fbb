// Demo training courses of Bệnh viện Đa khoa tỉnh Lào Cai số 2 for the hospitals it supports
// (Lào Cai số 3 and the regional centres Bảo Thắng, Bảo Yên, Bát Xát), one per specialty:
// resuscitation (I), internal medicine (II), paediatrics (III), surgery (X) and obstetrics
// (XIII). Two have ended (attendance, results, certificates, credit hours), one is running,
// two take enrolments (one full, with a waitlist). Everything goes through the model commands.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { staff, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { courseToInput, createCourse, getCourse, updateCourse } from "~/models/courses/courses.server";
import { decideEnrolment, requestEnrolment } from "~/models/courses/enrolments.server";
import { evaluateCourse, saveAttendanceSheet } from "~/models/courses/results.server";
import { courseSchema } from "~/models/courses/schemas";
import { addCreditEntry } from "~/models/credits/credits.server";
import { addDaysIso } from "~/models/dates";
import { ConflictError } from "~/models/errors";
import { listCommitments } from "~/models/schedule/commitments.server";
import { FACILITY_CODES as C } from "./network";
import { stampOn } from "./clock";
import { createPrng } from "./prng";

type Plan = {
  title: string;
  chapter: number;
  /** Start, in days from the demo's today. */
  offset: number;
  days: number;
  capacity: number;
  creditHours: number;
  passScore?: number;
  topics: string[];
  /** People to request: host staff, then guests from the supported facilities. */
  hostPeople: number;
  guestPeople: number;
};

const PLANS: Plan[] = [
  {
    title: "Hồi sức cấp cứu cơ bản và nâng cao cho tuyến khu vực",
    chapter: 1,
    offset: -120,
    days: 5,
    capacity: 10,
    creditHours: 40,
    passScore: 5,
    topics: ["Cấp cứu ngừng tuần hoàn", "Kiểm soát đường thở", "Thở máy cơ bản", "Sốc và bù dịch", "Thực hành tình huống"],
    hostPeople: 2,
    guestPeople: 7,
  },
  {
    title: "Cập nhật chẩn đoán và điều trị bệnh nội khoa thường gặp",
    chapter: 2,
    offset: -60,
    days: 4,
    capacity: 12,
    creditHours: 24,
    topics: ["Tăng huyết áp", "Đái tháo đường", "Bệnh phổi tắc nghẽn mạn tính", "Suy tim"],
    hostPeople: 1,
    guestPeople: 8,
  },
  {
    title: "Cấp cứu nhi khoa và hồi sức sơ sinh",
    chapter: 3,
    offset: -1,
    days: 4,
    capacity: 8,
    creditHours: 24,
    passScore: 6,
    topics: ["Hồi sức sơ sinh tại phòng sinh", "Suy hô hấp ở trẻ em", "Sốc nhiễm khuẩn ở trẻ em", "Co giật ở trẻ em"],
    hostPeople: 1,
    guestPeople: 6,
  },
  {
    title: "Kỹ năng phẫu thuật cơ bản và xử trí chấn thương",
    chapter: 10,
    offset: 30,
    days: 5,
    capacity: 4,
    creditHours: 32,
    passScore: 5,
    topics: ["Khâu vết thương", "Xử trí chấn thương sọ não", "Cố định gãy xương", "Vô khuẩn phòng mổ", "Thực hành trên mô hình"],
    hostPeople: 1,
    guestPeople: 5,
  },
  {
    title: "Cấp cứu sản khoa và giảm đau trong đẻ",
    chapter: 13,
    offset: 55,
    days: 3,
    capacity: 10,
    creditHours: 16,
    topics: ["Băng huyết sau sinh", "Tiền sản giật – sản giật", "Gây tê ngoài màng cứng giảm đau đẻ"],
    hostPeople: 1,
    guestPeople: 4,
  },
];

const GUEST_FACILITIES = [C.laoCai3, C.baoThang, C.baoYen, C.batXat];

function userActor(db: Db, username: string): Actor {
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user) throw new Error(`courses seed: account ${username} missing (run the accounts step first)`);
  return { userId: user.id, role: user.role, facilityId: user.facilityId, provinceCode: user.provinceCode };
}

function staffOf(db: Db, facilityIds: number[]) {
  return db
    .select({ id: staff.id, facilityId: staff.facilityId, chapterNumber: staff.chapterNumber })
    .from(staff)
    .where(and(inArray(staff.facilityId, facilityIds), eq(staff.active, true)))
    .orderBy(asc(staff.id))
    .all();
}

function isFreeOn(db: Db, staffId: number, start: string, end: string): boolean {
  return listCommitments(db, staffId, { start, end }).length === 0;
}

/** Requests a seat, skipping people busy elsewhere on those days (deterministic either way). */
function tryRequest(db: Db, actor: Actor, courseId: number, staffId: number, now: string) {
  try {
    return requestEnrolment(db, actor, { courseId, staffId }, now);
  } catch (error) {
    if (error instanceof ConflictError) return null;
    throw error;
  }
}

export function seedCourses(db: Db, ctx: { today: string; clock: string; facilityIds: ReadonlyMap<string, number> }): string {
  const prng = createPrng("demo-courses");
  const hostId = ctx.facilityIds.get(C.laoCai2);
  if (hostId === undefined) throw new Error("courses seed: Lào Cai số 2 not seeded");
  const trainer = userActor(db, "daotao.laocai2");
  // Guest facilities have no demo accounts of their own: the administrator files their requests.
  const admin = userActor(db, "admin");
  const hostStaff = staffOf(db, [hostId]);
  const guestStaff = staffOf(db, GUEST_FACILITIES.map((code) => ctx.facilityIds.get(code)!).filter(Boolean));
  let enrolled = 0;
  let certificates = 0;

  PLANS.forEach((plan, index) => {
    const startOn = addDaysIso(ctx.today, plan.offset);
    const endOn = addDaysIso(startOn, plan.days - 1);
    // Trainers: host staff of the specialty first, free on the day of their session.
    const trainerPool = [...hostStaff].sort((a, b) => Number(b.chapterNumber === plan.chapter) - Number(a.chapterNumber === plan.chapter));
    const sessions = plan.topics.map((topic, i) => {
      const heldOn = addDaysIso(startOn, Math.min(i, plan.days - 1));
      const trainerId = trainerPool.find((s) => isFreeOn(db, s.id, heldOn, heldOn))?.id;
      return { heldOn, startsAt: i % 2 === 0 ? "07:30" : "13:30", endsAt: i % 2 === 0 ? "11:30" : "16:30", topic, trainerId, periods: 5 };
    });
    const trainerIds = new Set(sessions.map((s) => s.trainerId));
    const input = courseSchema.parse({
      title: plan.title,
      chapterNumber: plan.chapter,
      mode: index % 2 === 0 ? "at_host" : "on_site",
      status: "open",
      startOn,
      endOn,
      capacity: plan.capacity,
      creditHours: plan.creditHours,
      minAttendancePercent: 80,
      passScore: plan.passScore,
      location: index % 2 === 0 ? "Hội trường Bệnh viện Đa khoa tỉnh Lào Cai số 2" : "Tại đơn vị tuyến khu vực",
      description: "Khóa đào tạo liên tục theo kế hoạch chỉ đạo tuyến năm của Bệnh viện Đa khoa tỉnh Lào Cai số 2.",
      sessions,
    });
    const course = createCourse(db, trainer, input);
    // Seats are requested from three weeks before the start, and for a course still ahead,
    // from three weeks before today: a request is something that has already happened.
    const requestFrom = startOn < ctx.today ? startOn : ctx.today;
    const requestedAt = (n: number) => stampOn(ctx.clock, addDaysIso(requestFrom, -20 + n), "02:00:00.000Z");

    // Host staff (approved at once), then guests (requested, approved by the host trainer).
    const hostPick = prng.shuffle(hostStaff.filter((s) => !trainerIds.has(s.id))).slice(0, plan.hostPeople);
    const guestPick = prng.shuffle(guestStaff).slice(0, plan.guestPeople);
    let n = 0;
    for (const person of hostPick) if (tryRequest(db, trainer, course.id, person.id, requestedAt(n++))) enrolled++;
    for (const person of guestPick) {
      const e = tryRequest(db, admin, course.id, person.id, requestedAt(n++));
      if (!e) continue;
      enrolled++;
      if (e.status === "requested" && prng.chance(0.9)) {
        decideEnrolment(db, trainer, { intent: "approve", enrolmentId: e.id }, requestedAt(n++));
      }
    }

    // Courses that have started get attendance; those that have ended get results.
    if (startOn > ctx.today) return;
    const detail = getCourse(db, trainer, course.id)!;
    const heldSessions = detail.sessions.filter((s) => s.heldOn <= ctx.today);
    const rows = db.$client
      .prepare("select id from enrolments where course_id = ? and status in ('approved', 'enrolled') order by id")
      .all(course.id) as { id: number }[];
    const present: string[] = [];
    const score: Record<string, number | undefined> = {};
    for (const row of rows) {
      const diligent = prng.chance(0.85);
      for (const s of heldSessions) if (diligent ? prng.chance(0.95) : prng.chance(0.6)) present.push(`${row.id}:${s.id}`);
      if (plan.passScore !== undefined && endOn < ctx.today) score[String(row.id)] = Math.round((4 + prng.next() * 6) * 10) / 10;
    }
    saveAttendanceSheet(db, trainer, course.id, { rows: rows.map((r) => r.id), present, score }, stampOn(ctx.clock, startOn, "10:00:00.000Z"));
    if (endOn >= ctx.today) return;
    const outcomes = evaluateCourse(db, trainer, course.id, ctx.today, undefined, stampOn(ctx.clock, addDaysIso(endOn, 1)));
    certificates += outcomes.filter((o) => o.completed).length;
    const fresh = getCourse(db, trainer, course.id)!;
    updateCourse(db, trainer, course.id, { ...courseSchema.parse(courseToInput(fresh)), status: "completed", version: fresh.version });
  });

  // Other recognised activities for the host's staff, spread over five years, so the
  // facility view shows people who meet the requirement, who will fall short and who are short.
  hostStaff.forEach((person, i) => {
    const years = [0, 1, 2, 3, 4].filter(() => prng.chance(0.7));
    for (const y of years) {
      const activityOn = addDaysIso(ctx.today, -(y * 365 + prng.int(20, 300)));
      addCreditEntry(
        db,
        trainer,
        person.id,
        {
          kind: prng.pick(["conference", "case_conference", "publication", "other"]),
          activityOn,
          hours: [8, 12, 16, 24, 32][prng.int(0, 4)] * (i % 3 === 0 ? 2 : 1),
          title: prng.pick([
            "Hội nghị khoa học thường niên Bệnh viện Đa khoa tỉnh Lào Cai số 2",
            "Sinh hoạt chuyên môn liên viện",
            "Hội thảo cập nhật hồi sức cấp cứu",
            "Bài báo đăng Tạp chí Y học Việt Nam",
          ]),
          evidence: `Giấy chứng nhận số ${100 + i * 7 + y}/GCN`,
        },
        ctx.today,
        stampOn(ctx.clock, activityOn, "09:00:00.000Z"),
      );
    }
  });
  return `${PLANS.length} courses, ${enrolled} enrolments, ${certificates} certificates`;
}
