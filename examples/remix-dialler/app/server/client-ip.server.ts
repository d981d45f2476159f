/**
 * The address a request came from, for per-address limits. The socket's address is the only one a
 * client cannot make up; `X-Forwarded-For` is read only when the app sits behind proxies it trusts
 * (`TRUST_PROXY`, the number of them). Each proxy appends the address it was reached from, so with
 * `hops` proxies the client is the entry `hops` places from the right of the header plus the socket
 * address; anything to the left of it was written by the client and is ignored.
 */
export const clientIp = (request: Request, context: unknown, hops: number) => {
  const remote = (context as { remoteAddress?: unknown } | null | undefined)?.remoteAddress
  const socket = typeof remote === 'string' && remote !== '' ? remote : 'unknown'
  if (hops <= 0) return socket
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
  const chain = [...forwarded, socket]
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socket
}
