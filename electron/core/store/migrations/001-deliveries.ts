// Deliveries are split in two tables so list queries never touch headers or bodies:
// `deliveries` holds the small row the list shows, `delivery_payloads` the raw request.
// No secondary index here: the list pages on the rowid, and every index is paid on each insert
// (path and method indexes halved ingest in the bench); each filter adds the index it needs.
export default {
  version: 1,
  name: 'deliveries',
  sql: `
CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at     INTEGER NOT NULL,
  method          TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  query           TEXT    NOT NULL,
  content_type    TEXT,
  body_size       INTEGER NOT NULL,
  remote_address  TEXT    NOT NULL,
  http_version    TEXT    NOT NULL,
  response_status INTEGER NOT NULL,
  parse_error     TEXT
);
CREATE TABLE delivery_payloads (
  delivery_id INTEGER PRIMARY KEY REFERENCES deliveries (id) ON DELETE CASCADE,
  headers     TEXT NOT NULL,
  body        BLOB NOT NULL
);
`,
}
