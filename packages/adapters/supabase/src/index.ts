/**
 * @ringlane/supabase: recording storage on a Supabase Storage bucket.
 */
export {
  RecordingStorageFailed,
  type SupabaseRecordingStorageOptions,
  type SupabaseStorageLike,
  supabaseRecordingStorage,
} from './recording-storage.js'
