import type { LeadThread } from '../server/sms-threads.server'
import { formatDateTime } from '../utils/dates'

/** A lead's texts, oldest first, with who sent them and where each one is. */
export const SmsThread = ({ thread, label }: { thread: LeadThread | undefined; label: string }) => (
  <section className="panel" aria-label={label}>
    <h2>Texts</h2>
    {thread?.optedOut && (
      <p className="notice bad" role="status">
        Opted out of texts: nothing can be sent until they text START.
      </p>
    )}
    {!thread || thread.messages.length === 0 ? (
      <p className="muted">No texts yet.</p>
    ) : (
      <ol className="sms-thread">
        {thread.messages.map((message) => (
          <li key={message.id} data-direction={message.direction}>
            <span className="muted">
              {message.direction === 'inbound'
                ? 'They wrote'
                : message.autoReply
                  ? 'Automatic reply'
                  : 'We sent'}
              {' · '}
              {formatDateTime(message.at)} · {message.status}
            </span>
            <p>{message.body}</p>
          </li>
        ))}
      </ol>
    )}
  </section>
)
