/**
 * A small CSV reader for the machine-written result tables: comma-separated, first line the
 * header, fields quoted with `"` only when they hold a comma, quote or line break (RFC 4180).
 */

/**
 * Splits CSV text into records of fields. Handles quoted fields with doubled quotes and line
 * breaks inside quotes, `\n` and `\r\n` line ends, and ignores a final empty line.
 *
 * Fields are sliced out of the text rather than built a character at a time: the result tables
 * run to hundreds of thousands of lines, and per-character concatenation made reading them most
 * of a report's time.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let index = 0;
  const length = text.length;
  while (index < length) {
    if (quoted) {
      const close = text.indexOf('"', index);
      if (close === -1) {
        field += text.slice(index);
        index = length;
        break;
      }
      field += text.slice(index, close);
      if (text.charCodeAt(close + 1) === QUOTE) {
        field += '"';
        index = close + 2;
      } else {
        quoted = false;
        index = close + 1;
      }
      continue;
    }
    // Unquoted: up to the next comma, line break or quote.
    let end = index;
    let c = 0;
    while (end < length) {
      c = text.charCodeAt(end);
      if (c === COMMA || c === LF || c === CR || c === QUOTE) break;
      end += 1;
    }
    field += text.slice(index, end);
    if (end === length) {
      index = length;
      break;
    }
    index = end + 1;
    if (c === QUOTE) {
      quoted = true;
    } else if (c === COMMA) {
      record.push(field);
      field = "";
    } else {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (c === CR && text.charCodeAt(index) === LF) index += 1;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

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
