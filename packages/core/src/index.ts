/**
 * @ringlane/core: the outbound dialler's domain and the ports adapters provide.
 * Each domain area is a namespace, so `Compliance.normalizePhoneNumber` says where it lives.
 */
export * as Compliance from './compliance/index.js'
export * as Softphone from './softphone/index.js'
