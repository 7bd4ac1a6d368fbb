// Strings of the courses area. Keys mirror the other language's file.
export default {} as const;
