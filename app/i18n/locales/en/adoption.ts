// Strings of the adoption area. Keys mirror the other language's file.
export default {} as const;
