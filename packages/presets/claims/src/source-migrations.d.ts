import { type Kysely } from 'kysely'
import { type Migration, type MigrationResultSet } from 'kysely/migration'
export declare const claimsSourceMigrations: Record<string, Migration>
/** Creates or updates the demo/test claims source schema. */
export declare const migrateClaimsSource: (db: Kysely<unknown>) => Promise<MigrationResultSet>
//# sourceMappingURL=source-migrations.d.ts.map
