// Strings of the catalogue area. Keys mirror the other language's file.
export default {} as const;
