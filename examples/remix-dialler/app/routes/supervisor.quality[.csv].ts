/** The system errors report as a CSV download. Supervisors and admins. */
export { csvLoader as loader } from './supervisor.quality.server'
