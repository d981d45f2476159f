/**
 * Recording storage on a Supabase Storage bucket. Typed against the slice of `SupabaseClient` it
 * uses, so pass the client you created (`createClient(url, serviceRoleKey)`).
 */
export interface StorageError {
  readonly message: string
}

export interface SupabaseStorageLike {
  readonly storage: {
    from(bucket: string): {
      upload(
        path: string,
        body: Uint8Array | Blob,
        options: { contentType: string; upsert: boolean },
      ): Promise<{ data: { path: string } | null; error: StorageError | null }>
      createSignedUrl(
        path: string,
        expiresIn: number,
      ): Promise<{ data: { signedUrl: string } | null; error: StorageError | null }>
      remove(paths: string[]): Promise<{ data: unknown; error: StorageError | null }>
    }
  }
}

export class RecordingStorageFailed extends Error {
  override readonly name = 'RecordingStorageFailed'
}

export interface SupabaseRecordingStorageOptions {
  readonly client: SupabaseStorageLike
  readonly bucket: string
}

export const supabaseRecordingStorage = ({ client, bucket }: SupabaseRecordingStorageOptions) => {
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(bucket)) {
    throw new RecordingStorageFailed(`bucket: "${bucket}" is not a valid Supabase bucket name`)
  }
  const unwrap = <T>(
    action: string,
    path: string,
    result: { data: T | null; error: StorageError | null },
  ): T => {
    if (result.error || result.data === null) {
      throw new RecordingStorageFailed(
        `Could not ${action} ${bucket}/${path}: ${result.error?.message ?? 'no data returned'}`,
        { cause: result.error },
      )
    }
    return result.data
  }
  const objects = () => client.storage.from(bucket)
  return {
    /** Stores a recording; an existing object is never overwritten. Returns the stored path. */
    put: async (path: string, body: Uint8Array, contentType: string) =>
      unwrap('store', path, await objects().upload(path, body, { contentType, upsert: false })).path,
    /** A URL that plays the recording until it expires. */
    signedUrl: async (path: string, expiresInSeconds: number) =>
      unwrap('sign', path, await objects().createSignedUrl(path, expiresInSeconds)).signedUrl,
    remove: async (path: string) => {
      unwrap('remove', path, await objects().remove([path]))
    },
  }
}
