import { useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useRef } from 'react'

/**
 * A stable function that reloads the page's data from the server. A reload asked for while one is in
 * flight waits for it to end instead of cutting it off: the aborted request would be logged as an error
 * in the browser, and its answer is no older than the one that replaced it.
 */
export const useReload = () => {
  const { revalidate, state } = useRevalidator()
  const latest = useRef({ revalidate, state })
  latest.current = { revalidate, state }
  const wanted = useRef(false)
  useEffect(() => {
    if (state === 'idle' && wanted.current) {
      wanted.current = false
      revalidate()
    }
  }, [state, revalidate])
  return useCallback(() => {
    if (latest.current.state === 'idle') latest.current.revalidate()
    else wanted.current = true
  }, [])
}
