export {
  type DiallableLineType,
  E164,
  InvalidPhoneNumber,
  type NormalizedPhoneNumber,
  type NormalizeOptions,
  normalizePhoneNumber,
  normalizePhoneNumberPromise,
} from './phone-numbers.js'
