// Where a registration's deliveries carry a credential Hooktray generated, and the credential
// sealed by the secret box, kept apart from the registrations table (whose rows go with their
// connection): the deliveries stay, and their credential must stay hidden.
export default {
  version: 5,
  name: 'hidden-credentials',
  sql: `
CREATE TABLE hidden_credentials (
  registration_id TEXT PRIMARY KEY,
  auth_type       TEXT NOT NULL,
  query_param     TEXT NOT NULL,
  header_name     TEXT NOT NULL,
  sealed_secret   TEXT NOT NULL,
  updated_at      INTEGER NOT NULL
);
`,
}
