export {
  changedFields,
  changeSetting,
  InvalidSettingsChange,
  settingChange,
  storedSetting,
} from './change-setting.js'
export { inMemorySettingsStore } from './memory-store.js'
export {
  SettingsStore,
  SettingsStoreError,
  type SettingsStoreService,
  type StoredSetting,
} from './settings-store.js'
