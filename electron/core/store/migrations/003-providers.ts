// Provider connections and the webhooks registered through them. Credentials and generated
// secrets are stored only as encrypted blobs (see core/secrets). A receiver path is unique among
// live registrations; stale and removed rows keep theirs for the record.
// Deliveries learn which registration they arrived through and what verification said.
export default {
  version: 3,
  name: 'providers',
  sql: `
CREATE TABLE connections (
  id                TEXT PRIMARY KEY,
  provider          TEXT NOT NULL,
  name              TEXT NOT NULL,
  base_url          TEXT,
  options           TEXT NOT NULL,
  credentials       BLOB NOT NULL,
  credentials_error TEXT,
  created_at        INTEGER NOT NULL
);
CREATE TABLE registrations (
  id                 TEXT PRIMARY KEY,
  connection_id      TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  receiver_path      TEXT NOT NULL,
  options            TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('pending', 'registered', 'failed', 'stale', 'removed')),
  error              TEXT,
  error_kind         TEXT,
  notice             TEXT,
  remote_ids         TEXT NOT NULL,
  secrets            BLOB,
  target_url         TEXT,
  forward_to         TEXT,
  unregister_on_quit INTEGER NOT NULL DEFAULT 0,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE UNIQUE INDEX registrations_live_path ON registrations (receiver_path) WHERE state NOT IN ('stale', 'removed');
CREATE INDEX registrations_connection ON registrations (connection_id);
ALTER TABLE deliveries ADD COLUMN registration_id TEXT;
ALTER TABLE deliveries ADD COLUMN verification TEXT CHECK (verification IN ('verified', 'failed', 'not-configured'));
ALTER TABLE deliveries ADD COLUMN verification_reason TEXT;
-- Partial: deliveries outside any registration (most of them) cost the index nothing.
CREATE INDEX deliveries_registration ON deliveries (registration_id, id) WHERE registration_id IS NOT NULL;
`,
}
