import type { Softphone } from '@ringlane/core'
import { createContext, useContext } from 'react'
import type { SoftphoneStore } from './softphone-store.js'

export interface SoftphoneContextValue {
  readonly driver: Softphone.SoftphoneDriver
  readonly store: SoftphoneStore
}

export const SoftphoneContext = createContext<SoftphoneContextValue | null>(null)

export const useSoftphoneContext = (hook: string): SoftphoneContextValue => {
  const value = useContext(SoftphoneContext)
  if (!value) throw new Error(`${hook}() must be used inside <SoftphoneProvider>.`)
  return value
}
