export {
  pricingLayer,
  type TwilioPricingClient,
  type TwilioPricingOptions,
  twilioPricing,
} from './twilio-pricing.js'
