/**
 * The flow index: every built-in flow template, by id, from each pair's index (flows/<pair>/index.ts). Adding a
 * pair is one line here.
 */
import { BC_SALESFORCE_FLOW_TEMPLATES } from './bc-salesforce/index.ts';
import { GP_SALESFORCE_FLOW_TEMPLATES } from './gp-salesforce/index.ts';
import type { FlowTemplate } from './template.ts';

const PAIRS: ReadonlyArray<readonly FlowTemplate[]> = [GP_SALESFORCE_FLOW_TEMPLATES, BC_SALESFORCE_FLOW_TEMPLATES];

export const FLOW_TEMPLATES: Record<string, FlowTemplate> = Object.fromEntries(PAIRS.flat().map((t) => [t.id, t]));

export type { FlowTemplate };
