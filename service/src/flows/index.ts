import { GP_CUSTOMERS_TO_SF_ACCOUNTS } from './gp-customers-to-sf-accounts.ts';
import type { FlowTemplate } from './template.ts';

/** Every built-in flow template, by id. */
export const FLOW_TEMPLATES: Record<string, FlowTemplate> = {
  [GP_CUSTOMERS_TO_SF_ACCOUNTS.id]: GP_CUSTOMERS_TO_SF_ACCOUNTS,
};

export type { FlowTemplate };
