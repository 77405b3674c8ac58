/**
 * A small CSV reader for the machine-written result tables: comma-separated, first line the
 * header, fields quoted with `"` only when they hold a comma, quote or line break (RFC 4180).
 */

/**
 * Splits CSV text into records of fields. Handles quoted fields with doubled quotes and line
 * breaks inside quotes, `\n` and `\r\n` line ends, and ignores a final empty line.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      index += 1;
      continue;
    }
    if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (char === "\r" && text[index + 1] === "\n") index += 1;
    } else {
      field += char;
    }
    index += 1;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Parses CSV text with a header line into objects keyed by column name.
 *
 * @returns the header and one object per data line; a line with a missing field gets "".
 */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parseCsvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records[0] ?? [];
  const rows = records.slice(1).filter((record) => !(record.length === 1 && record[0] === "")).map((record) => {
    const row: Record<string, string> = {};
    header.forEach((name, column) => {
      row[name] = record[column] ?? "";
    });
    return row;
  });
  return { header, rows };
}
