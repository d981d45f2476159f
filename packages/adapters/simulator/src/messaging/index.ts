export {
  createSimulatorMessaging,
  messagingLayer,
  type SimulatedSms,
  type SimulatorMessaging,
  type SimulatorMessagingOptions,
} from './simulator-messaging.js'
