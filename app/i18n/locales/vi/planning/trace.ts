// Strings of the planning trace pages. Keys mirror the other language's file.
export default {
  title: "trace",
} as const;
