import type { LoaderFunctionArgs } from '@remix-run/node'
import type { BrowserCallEvent } from '@ringlane/simulator'
import { simulatorAgent } from '../server/simulator-routes.server'

/** Server-sent call updates for the agent's simulated softphone, resumable after a break. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { simulator, agent } = await simulatorAgent(request)
  const url = new URL(request.url)
  const after = url.searchParams.get('lastEventId') ?? request.headers.get('last-event-id')
  const encoder = new TextEncoder()
  let stop = () => {}
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text))
      const sendCall = (event: BrowserCallEvent) => {
        const { id, ...call } = event
        send(`id: ${id}\nevent: call\ndata: ${JSON.stringify(call)}\n\n`)
      }
      send('event: ready\ndata: {}\n\n')
      const { replay, unsubscribe } = simulator.browserEvents(
        agent.id,
        after && /^\d+$/.test(after) ? Number(after) : null,
        sendCall,
      )
      for (const event of replay) sendCall(event)
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), 20_000)
      stop = () => {
        clearInterval(keepAlive)
        unsubscribe()
      }
      request.signal.addEventListener('abort', () => {
        stop()
        controller.close()
      })
    },
    cancel() {
      stop()
    },
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}
