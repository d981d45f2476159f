export { type AuditEntry, AuditLog, AuditLogError, type AuditLogService } from './audit-log.js'
