import type { Mirror } from "../../mirror";
import type vi from "../vi/staff";

// Strings of the staff registry (list, profile, form, import). Keys mirror the other language's file.
export default {
  title: "Staff",
  intro: "A facility's staff: cadre, specialty, practising licence and the techniques each person performs independently.",
  new: "Add staff member",
  edit: "Edit staff member",
  searchLabel: "Search by name or licence number",
  empty: "No matching staff.",
  inactive: "Inactive",
  calendar: "Download calendar (ICS)",
  schedule: "Schedule a rotation",
  rotations: "Rotations",
  noRotations: "No rotations yet.",
  courses: "Courses",
  courseRole: { course_attendance: "trainee", course_training: "trainer" },
  noTechniques: "No independently performed techniques recorded.",
  since: "since {{date}}",
  techniquesHint: "Catalogue codes separated by commas or new lines, e.g. 10.367, 10.800.",
  columns: { techniques: "Techniques" },
  fields: {
    fullName: "Full name",
    cadre: "Cadre",
    chapterNumber: "Specialty",
    title: "Academic title",
    licenceNumber: "Practising licence number",
    email: "E-mail",
    techniques: "Techniques performed independently",
    facility: "Facility",
    active: "In service",
  },
  import: {
    title: "Import from file",
  },
  errors: {
    licenceTaken: "This licence number is already in the staff registry.",
    unknownChapter: "There is no specialty (chapter) number {{chapter}} in the catalogue.",
  },
} as const satisfies Mirror<typeof vi>;
