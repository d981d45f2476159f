import type { Softphone } from '@ringlane/core'

type Listeners = { [E in Softphone.SoftphoneEventName]?: Set<Softphone.SoftphoneListener<E>> }

/** The driver's typed events: one listener set per event name, and no `any` on the way through. */
export class SoftphoneEvents {
  private listeners: Listeners = {}

  on<E extends Softphone.SoftphoneEventName>(event: E, listener: Softphone.SoftphoneListener<E>): () => void {
    const set: Set<Softphone.SoftphoneListener<E>> = this.listeners[event] ?? new Set()
    ;(this.listeners as Record<E, Set<Softphone.SoftphoneListener<E>>>)[event] = set
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  emit<E extends Softphone.SoftphoneEventName>(event: E, payload: Softphone.SoftphoneEventMap[E]): void {
    const set = this.listeners[event] as Set<Softphone.SoftphoneListener<E>> | undefined
    // A listener that throws must not stop the others or the driver's own bookkeeping.
    for (const listener of [...(set ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        console.error(`@ringlane/simulator/browser: a "${event}" listener threw`, error)
      }
    }
  }

  clear(): void {
    this.listeners = {}
  }
}
