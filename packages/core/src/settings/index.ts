export {
  changedFields,
  changeSetting,
  InvalidSettingsChange,
  readSetting,
  type SettingRead,
  settingChange,
  storedSetting,
} from './change-setting.js'
export { inMemorySettingsStore } from './memory-store.js'
export {
  changedMeanwhile,
  SettingChangedMeanwhile,
  SettingsStore,
  SettingsStoreError,
  type SettingsStoreService,
  type StoredSetting,
} from './settings-store.js'
