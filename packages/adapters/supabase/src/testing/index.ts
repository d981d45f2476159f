export {
  type StoredObject,
  type SupabaseStorageEmulator,
  type SupabaseStorageEmulatorOptions,
  supabaseStorageEmulator,
} from './storage-handlers.js'
