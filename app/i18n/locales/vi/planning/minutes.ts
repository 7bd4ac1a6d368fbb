// Strings of the planning minutes pages. Keys mirror the other language's file.
export default {
  title: "minutes",
} as const;
