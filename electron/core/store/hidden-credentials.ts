import type { HiddenCredential } from '../verify/redact'
import type { Db } from './db'

export interface HiddenCredentialRow {
  registrationId: string
  authType: HiddenCredential['authType']
  queryParam: string
  headerName: string
  /** The secret sealed by the secret box (base64). */
  sealedSecret: string
}

/** Survives its registration: deliveries outlive both, and their credential stays hidden. */
export class HiddenCredentialRepository {
  private readonly allStmt
  private readonly putStmt

  constructor(db: Db) {
    this.allStmt = db.prepare('SELECT registration_id, auth_type, query_param, header_name, sealed_secret FROM hidden_credentials')
    this.putStmt = db.prepare(
      `INSERT INTO hidden_credentials (registration_id, auth_type, query_param, header_name, sealed_secret, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (registration_id) DO UPDATE SET auth_type = excluded.auth_type, query_param = excluded.query_param,
         header_name = excluded.header_name, sealed_secret = excluded.sealed_secret, updated_at = excluded.updated_at`,
    )
  }

  all(): HiddenCredentialRow[] {
    return (this.allStmt.all() as Array<Record<string, string>>).map((r) => ({
      registrationId: r.registration_id!,
      authType: r.auth_type as HiddenCredential['authType'],
      queryParam: r.query_param!,
      headerName: r.header_name!,
      sealedSecret: r.sealed_secret!,
    }))
  }

  put(row: HiddenCredentialRow): void {
    this.putStmt.run(row.registrationId, row.authType, row.queryParam, row.headerName, row.sealedSecret, Date.now())
  }
}
