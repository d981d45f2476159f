/** The SLA dashboard as a CSV download. Supervisors and admins. */
export { csvLoader as loader } from './supervisor.sla.server'
