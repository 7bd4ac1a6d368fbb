// The minutes as a Word document (docx package): A4, Times New Roman 13 pt as administrative
// documents are typed, one paragraph per line of the text, the header and title centred and
// headings bold (minutesLineStyle reads the layout from the text, so edited minutes keep it).
import { AlignmentType, Document, Packer, Paragraph, TextRun } from "docx";
import type { Locale } from "~/models/enums";
import { minutesHeadingIndex, minutesLineStyle } from "./minutes";

const FONT = "Times New Roman";
/** Half-points: 13 pt. */
const SIZE = 26;
/** Twentieths of a point per centimetre: margins of 3 cm left and 2 cm elsewhere, the administrative format (A4). */
const CM = 567;

export async function minutesDocx(text: string, options: { title: string; locale: Locale }): Promise<Buffer> {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const headingIndex = minutesHeadingIndex(lines);
  // Word checks the spelling of each run in the language it is marked with.
  const language = { value: options.locale === "vi" ? "vi-VN" : "en-GB" };
  const paragraphs = lines.map((line, index) => {
    const style = minutesLineStyle(line, index, headingIndex);
    return new Paragraph({
      alignment: style.centered ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      spacing: { after: 60 },
      children: [new TextRun({ text: line, bold: style.bold, italics: style.italic, font: FONT, size: index === headingIndex ? SIZE + 2 : SIZE, language })],
    });
  });
  const document = new Document({
    creator: "CGKT",
    title: options.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM } } },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * `Content-Disposition` of a download named `name` (any language): an ASCII fallback with the
 * diacritics folded (đ → d) for old clients, and the UTF-8 name for the rest.
 */
export function downloadDisposition(name: string): string {
  const ascii =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/-+/g, "-")
      .replace(/^-|-(?=\.)|-$/g, "") || "download";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name.replace(/[/\\]/g, "-"))}`;
}
