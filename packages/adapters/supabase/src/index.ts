/**
 * @ringlane/supabase: recording storage on a Supabase Storage bucket.
 */
export {
  InvalidSupabaseStorageOptions,
  layer,
  type SupabaseRecordingStorageOptions,
  type SupabaseStorageApiError,
  type SupabaseStorageClient,
  supabaseRecordingStorage,
} from './recording-storage.js'
