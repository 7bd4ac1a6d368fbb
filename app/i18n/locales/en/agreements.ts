// Strings of the agreements area. Keys mirror the other language's file.
export default {} as const;
