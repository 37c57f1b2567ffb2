// Escaping for the XML and HTML reports. App log lines and evidence notes can hold anything: markup,
// quotes, ANSI colour codes — and characters XML 1.0 forbids outright, which would make a JUnit file
// unreadable to every CI parser, so those are replaced.

// Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
const ANSI = /\u001B\[[0-9;]*[A-Za-z]/g;

/** Text safe inside an XML or HTML element or a double-quoted attribute. */
export function escapeXml(value: unknown): string {
  return String(value)
    .replace(ANSI, '')
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
