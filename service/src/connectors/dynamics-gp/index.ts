export { createGpClient, type GpClient, type GpClientDeps, type ListCustomersOptions } from './client.ts';
export { classifyCompany, type CompanyForm } from './company-name.ts';
export {
  GP_MAX_CONCURRENT_RANGE,
  GP_MIN_SPACING_MS_RANGE,
  gpConnectionConfigSchema,
  parseGpConnectionConfig,
  type GpConnectionConfig,
  type GpConnectionConfigInput,
} from './config.ts';
export { toGpCustomer, type GpCustomer, type GpCustomerInput } from './customer-entity.ts';
export { createGpCustomerFeed, gpCustomerCursorSchema, type GpCustomerCursor, type GpCustomerFeedOptions } from './customer-feed.ts';
export { DEFAULT_GP_SBA_FACTS, gpSbaFactsSchema, type GpSbaFacts, type GpSbaFactsInput } from './facts.ts';
export { categorizeGpStatus, mapGpResponse, mapGpTransportError } from './gp-errors.ts';
export { dynamicsGpModule } from './module.ts';
