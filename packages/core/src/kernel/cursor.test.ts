import { Either } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCursor, decodeRankedCursor, encodeCursor, pageOf } from './cursor.js'

describe('page cursors', () => {
  it('give back the key they were made from', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.string({ minLength: 1, maxLength: 200 }),
        (at, id) => {
          const key = Either.getOrThrow(decodeCursor(encodeCursor({ at, id })))
          expect(key).toEqual({ at, id })
        },
      ),
    )
  })

  it('refuse any text this SDK did not make, naming the field, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const decoded = decodeCursor(text, 'after')
        if (Either.isLeft(decoded)) {
          expect(decoded.left).toMatchObject({ _tag: 'InvalidCursor', field: 'after' })
        } else {
          // Only a cursor's one spelling is read: the text is exactly what the key encodes to.
          expect(encodeCursor(decoded.right)).toBe(text)
        }
      }),
    )
  })

  it('refuse an edited cursor: a changed character, cut short, or other JSON', () => {
    const cursor = encodeCursor({ at: new Date('2026-11-26T10:00:00Z'), id: 'a1' })
    const edited = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`
    const other = btoa(JSON.stringify({ at: 1, id: 'x' })).replace(/=+$/, '')
    for (const bad of [edited, cursor.slice(0, -3), other, '', 'not a cursor', `${cursor}==`]) {
      expect(Either.isLeft(decodeCursor(bad))).toBe(true)
    }
  })

  it('a ranked key comes back with its rank, and a cursor of one kind of list is refused by the other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.string({ minLength: 1, maxLength: 200 }),
        (rank, at, id) => {
          const ranked = encodeCursor({ rank, at, id })
          expect(Either.getOrThrow(decodeRankedCursor(ranked))).toEqual({ rank, at, id })
          expect(decodeCursor(ranked)).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidCursor' } })
          expect(decodeRankedCursor(encodeCursor({ at, id }), 'c')).toMatchObject({
            _tag: 'Left',
            left: { _tag: 'InvalidCursor', field: 'c' },
          })
        },
      ),
    )
  })

  it('a page holds at most the limit, with a cursor only when more rows were read', () => {
    const rows = [3, 2, 1].map((n) => ({ at: new Date(n * 1000), id: String(n) }))
    expect(pageOf(rows, 3, (r) => r)).toEqual({ items: rows, nextCursor: null })
    const page = pageOf(rows, 2, (r) => r)
    expect(page.items).toEqual(rows.slice(0, 2))
    expect(Either.getOrThrow(decodeCursor(page.nextCursor ?? ''))).toEqual(rows[1])
  })
})
