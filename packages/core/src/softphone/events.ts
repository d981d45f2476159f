import type { SoftphoneEventMap, SoftphoneEventName, SoftphoneListener } from './driver.js'

type Listeners = { [E in SoftphoneEventName]?: Set<SoftphoneListener<E>> }

/** The driver's typed events: one listener set per event name, and no `any` on the way through. */
export class SoftphoneEvents {
  private listeners: Listeners = {}

  /** `source` names the driver in the log line when one of its listeners throws. */
  constructor(private readonly source: string) {}

  on<E extends SoftphoneEventName>(event: E, listener: SoftphoneListener<E>): () => void {
    const set: Set<SoftphoneListener<E>> = this.listeners[event] ?? new Set()
    ;(this.listeners as Record<E, Set<SoftphoneListener<E>>>)[event] = set
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  emit<E extends SoftphoneEventName>(event: E, payload: SoftphoneEventMap[E]): void {
    const set = this.listeners[event] as Set<SoftphoneListener<E>> | undefined
    // A listener that throws must not stop the others or the driver's own bookkeeping.
    for (const listener of [...(set ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        console.error(`${this.source}: a "${event}" listener threw`, error)
      }
    }
  }

  clear(): void {
    this.listeners = {}
  }
}
