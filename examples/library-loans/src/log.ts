// Plain-text logs, one line each: `2026-11-29T12:00:00.000Z level=info event=db.up msg="..." key=value`.
// A crash is a `level=fatal` line.
type Level = 'info' | 'warn' | 'error' | 'fatal';
type Fields = Record<string, string | number | boolean | undefined>;

function quote(value: string | number | boolean): string {
  const text = String(value);
  return /^[\w.:/-]+$/.test(text) ? text : JSON.stringify(text);
}

export function log(level: Level, event: string, msg: string, fields: Fields = {}): void {
  const extra = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}=${quote(value as string | number | boolean)}`)
    .join('');
  process.stdout.write(
    `${new Date().toISOString()} level=${level} event=${event} msg=${JSON.stringify(msg)}${extra}\n`,
  );
}
