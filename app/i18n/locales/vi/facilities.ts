// Strings of the facilities area. Keys mirror the other language's file.
export default {} as const;
