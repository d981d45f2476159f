/**
 * A TCP proxy in front of a server, with the two ways a network fails: `cut` resets every connection
 * and refuses new ones (the server is gone); `pause` keeps connections open but lets no byte through
 * (a partition: the slow kind of failure). `restore` lets everything flow again, queued bytes first.
 */
import { connect, createServer, type Socket } from 'node:net'

export const tcpProxy = async (target: { readonly host: string; readonly port: number }) => {
  let mode: 'up' | 'cut' | 'paused' = 'up'
  const pipes = new Set<{ flush: () => void; close: () => void }>()
  const server = createServer((client) => {
    if (mode === 'cut') {
      client.resetAndDestroy()
      return
    }
    const upstream = connect(target.port, target.host)
    const held: Array<[Socket, Buffer]> = []
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (mode === 'paused') held.push([to, chunk])
        else to.write(chunk)
      })
    forward(client, upstream)
    forward(upstream, client)
    const pipe = {
      flush: () => {
        for (const [to, chunk] of held.splice(0)) to.write(chunk)
      },
      close: () => {
        client.resetAndDestroy()
        upstream.resetAndDestroy()
        pipes.delete(pipe)
      },
    }
    pipes.add(pipe)
    client.on('error', pipe.close).on('close', pipe.close)
    upstream.on('error', pipe.close).on('close', pipe.close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut: () => {
      mode = 'cut'
      for (const pipe of [...pipes]) pipe.close()
    },
    pause: () => {
      mode = 'paused'
    },
    restore: () => {
      mode = 'up'
      for (const pipe of pipes) pipe.flush()
    },
    close: async () => {
      for (const pipe of [...pipes]) pipe.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
