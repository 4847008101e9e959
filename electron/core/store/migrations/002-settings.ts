// Key/value settings (tunnel mode, forwarding, notifications, ...), each value JSON validated
// by its owner's zod schema when read and written.
export default {
  version: 2,
  name: 'settings',
  sql: `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
}
