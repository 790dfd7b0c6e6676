/**
 * `users: {fromFile}`: user names from a file next to the spec. Without `column`, one name per
 * line (blank lines and `#` comments skipped); with `column`, a CSV (RFC 4180 quoting) whose first
 * row is the header. Pure: the engine reads the file and hands the text in.
 */
export type UsersFileResult = { readonly users: readonly string[] } | { readonly error: string; readonly line?: number };

const MAX_USER_NAME = 63;

export function parseUsersFile(text: string, column?: string): UsersFileResult {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, index) => ({ line: index + 1, text: line.trim() }))
    .filter((row) => row.text !== '' && !row.text.startsWith('#'));
  return column === undefined ? oneColumn(rows) : namedColumn(rows, column);
}

interface Row {
  readonly line: number;
  readonly text: string;
}

function oneColumn(rows: readonly Row[]): UsersFileResult {
  const names: { name: string; line: number }[] = [];
  for (const row of rows) {
    if (row.text.includes(',')) return { error: 'has several columns; name the one with the user names in users.column', line: row.line };
    names.push({ name: unquote(row.text), line: row.line });
  }
  return checked(names);
}

function namedColumn(rows: readonly Row[], column: string): UsersFileResult {
  if (rows.length === 0) return { error: `is empty (expected a header row with a "${column}" column)` };
  const header = splitCsvLine(rows[0].text);
  let index = header.indexOf(column);
  if (index < 0) index = header.findIndex((name) => name.toLowerCase() === column.toLowerCase());
  if (index < 0) return { error: `has no column "${column}" (its header: ${header.join(', ')})`, line: rows[0].line };
  const names: { name: string; line: number }[] = [];
  for (const row of rows.slice(1)) {
    const cells = splitCsvLine(row.text);
    const name = (cells[index] ?? '').trim();
    if (name === '') return { error: `has no "${column}" value`, line: row.line };
    names.push({ name, line: row.line });
  }
  return checked(names);
}

function checked(names: readonly { name: string; line: number }[]): UsersFileResult {
  const firstLine = new Map<string, number>();
  for (const { name, line } of names) {
    if (name.length > MAX_USER_NAME) return { error: `user name "${name.slice(0, 20)}…" is longer than ${MAX_USER_NAME} characters`, line };
    const earlier = firstLine.get(name.toLowerCase());
    if (earlier !== undefined) return { error: `lists ${name} twice (first at line ${earlier})`, line };
    firstLine.set(name.toLowerCase(), line);
  }
  if (names.length === 0) return { error: 'lists no users' };
  return { users: names.map((entry) => entry.name) };
}

/** One CSV line: commas separate, double quotes quote, "" is a quote inside quotes. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
}
