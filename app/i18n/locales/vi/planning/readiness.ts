// Strings of the planning readiness pages. Keys mirror the other language's file.
export default {
  title: "readiness",
} as const;
