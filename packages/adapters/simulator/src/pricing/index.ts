export {
  createSimulatorPricing,
  InvalidSimulatorRates,
  pricingLayer,
  SimulatorRates,
  type SimulatorRatesInput,
} from './simulator-pricing.js'
