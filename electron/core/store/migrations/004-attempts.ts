// Replay and forward attempts. Like deliveries, the small row the UI lists (`attempts`) is kept
// apart from the bytes (`attempt_payloads`), so the list's "last forward" column never reads a body.
// Deleting a delivery deletes its attempts (and their payloads) through the cascades.
export default {
  version: 4,
  name: 'attempts',
  sql: `
CREATE TABLE attempts (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id        INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  kind               TEXT    NOT NULL CHECK (kind IN ('replay', 'forward')),
  target             TEXT    NOT NULL,
  status             INTEGER,
  error              TEXT,
  duration_ms        INTEGER NOT NULL,
  response_headers   TEXT    NOT NULL,
  response_body_size INTEGER NOT NULL,
  truncated          INTEGER NOT NULL,
  edited             INTEGER NOT NULL,
  created_at         INTEGER NOT NULL
);
CREATE INDEX attempts_delivery ON attempts (delivery_id, id);
CREATE INDEX attempts_last_forward ON attempts (delivery_id, id) WHERE kind = 'forward';
CREATE TABLE attempt_payloads (
  attempt_id    INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
  response_body BLOB NOT NULL,
  sent_request  TEXT,
  sent_body     BLOB
);
`,
}
