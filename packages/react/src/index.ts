/**
 * @ringlane/react: the browser softphone and live dialler events as React hooks.
 */
export { formatCallDuration, useCallTimer } from './hooks/use-call-timer.js'
