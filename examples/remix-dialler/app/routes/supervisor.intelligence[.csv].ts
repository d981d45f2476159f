/** The intelligence figures as a CSV download. Supervisors and admins. */
export { csvLoader as loader } from './supervisor.intelligence.server'
