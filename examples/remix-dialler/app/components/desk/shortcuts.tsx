import { useEffect } from 'react'

/** The desk's hot path on the keyboard: each key presses the button (or focuses the field) marked with it. */
export const DESK_SHORTCUTS = [
  ['N', 'Next lead'],
  ['C', 'Call the lead'],
  ['H', 'Hang up'],
  ['S', 'Save the outcome (Ctrl+Enter from a field of the form)'],
  ['K', 'Skip: type why, then Enter'],
  ['P', 'Pause, for the reason chosen'],
  ['A', 'Go available'],
] as const

type Key = (typeof DESK_SHORTCUTS)[number][0]

/** What a button or field needs to answer its key, and to say so to assistive technology. */
export const shortcut = (key: Key) => ({ 'data-shortcut': key.toLowerCase(), 'aria-keyshortcuts': key })

/** The key, shown on its button. */
export const KeyHint = ({ k }: { k: Key }) => (
  <span aria-hidden="true">
    <kbd>{k}</kbd>
  </span>
)

const isField = (target: EventTarget | null) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLTextAreaElement ||
  target instanceof HTMLSelectElement

const marked = (key: string) =>
  [...document.querySelectorAll<HTMLElement>(`[data-shortcut="${key}"]`)].find(
    (element) => !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0,
  )

/**
 * Listens for the desk's keys: a key pressed outside a field presses its button, or focuses its field;
 * Ctrl+Enter (Cmd+Enter) in the outcome form saves it.
 */
export const useDeskShortcuts = () =>
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        const form = event.target instanceof Element ? event.target.closest('form') : null
        const save = form?.querySelector<HTMLButtonElement>('[data-shortcut="s"]')
        if (save && !save.disabled) {
          event.preventDefault()
          save.click()
        }
        return
      }
      if (isField(event.target) || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return
      const target = marked(event.key.toLowerCase())
      if (!target) return
      event.preventDefault()
      if (isField(target)) target.focus()
      else target.click()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

/** The keys, listed where the agent can always find them. */
export const ShortcutList = () => (
  <details className="panel" aria-label="Keyboard shortcuts">
    <summary>Keyboard shortcuts</summary>
    <dl className="facts">
      {DESK_SHORTCUTS.map(([key, what]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  </details>
)
