/** The agent time report as a CSV download. Supervisors and admins. */
export { csvLoader as loader } from './supervisor.agent-states.server'
