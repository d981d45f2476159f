import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Ringlane } from '@ringlane/core'
import { TICKET_PARAMETER, twilioMediaStreamLine } from '@ringlane/twilio'
import { Effect } from 'effect'
import { type WebSocket, WebSocketServer } from 'ws'

/** Where Twilio connects a call's Media Stream (`twilioAiCallLines({ streamUrl })` points here). */
export const MEDIA_STREAM_PATH = '/voice-ai/media-stream'
/** A stream that has not said which call it carries by then is closed. */
const START_WITHIN_MS = 10_000
/** Twilio's media frames are small (20 ms of µ-law); anything far larger is not Twilio. */
const MAX_MESSAGE_BYTES = 64 * 1024
/** WebSocket close code 1008: policy violation (the stream was not ours). */
const REFUSED = 1008

/**
 * Serves Twilio Media Streams on the app's own HTTP server: a WebSocket upgrade on
 * `MEDIA_STREAM_PATH` is read as a Media Stream (`twilioMediaStreamLine`), and at its `start` the
 * stream's `ticket` parameter and call are given to `voiceAi.acceptStream`, which checks the ticket's
 * signature, expiry and call before the AI agent talks on the line. A refused or silent stream is
 * closed; other upgrades (Vite's hot reload) are left to their own handlers.
 */
export const serveMediaStreams = (
  server: Server,
  accept: Ringlane['voiceAi']['acceptStream'],
  log: (line: string) => void = console.warn,
) => {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const take = (socket: WebSocket) => {
    const silent = setTimeout(() => socket.close(REFUSED, 'no start'), START_WITHIN_MS)
    Effect.runPromise(twilioMediaStreamLine(socket as never)).then(
      async ({ start, line }) => {
        clearTimeout(silent)
        try {
          await accept(
            { ticket: start.customParameters[TICKET_PARAMETER] ?? '', providerCallId: start.callSid },
            line,
          )
          // The session is over: the call was hung up or is holding for a person by now.
          socket.close(1000, 'done')
        } catch (error) {
          // The reason is logged, not sent: a stranger learns nothing about tickets.
          log(
            `voice AI: a media stream was refused (${error instanceof Error ? error.message : String(error)})`,
          )
          socket.close(REFUSED, 'refused')
        }
      },
      () => clearTimeout(silent),
    )
  }
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://app').pathname !== MEDIA_STREAM_PATH) return
    sockets.handleUpgrade(request, socket, head, take)
  }
  server.on('upgrade', onUpgrade)
  return {
    close: () => {
      server.off('upgrade', onUpgrade)
      for (const client of sockets.clients) client.terminate()
      sockets.close()
    },
  }
}
