/**
 * The package's Change Data Capture design: which objects the custom channel ML_Connector__chn selects, and how
 * the service reads every object its flows touch. `check:package` holds force-app's channel members to it.
 *
 * Facts it rests on (SALESFORCE-PACKAGE.md §8, Change Data Capture Developer Guide):
 * - [V] An org without the CDC add-on may select at most 5 entities over all its channels; only the selections an
 *   AppExchange-released managed package makes in its own custom channel do not count. A source deploy, a beta or
 *   unreleased version, or a scratch org with a 6th member fails, and the subscriber's own selections share the 5.
 * - [V] On a custom channel the subscriber's permissions are checked at delivery: the service's user needs View All
 *   Records on each selected object (or View All Data), otherwise that object's events are dropped without an error.
 * - [V] Order products of an activated order can still be edited by users with "Edit Activated Orders"
 *   (Salesforce Help, "Editing and Deletion Considerations for Order Products"), so OrderItem changes are not all
 *   visible through their Order: OrderItem stays on the channel.
 * - Opportunity is only written by the service (GP/BC invoice totals), never read, so it is not selected.
 */

/** Entities an org may select for Change Data Capture without the add-on licence. */
export const CDC_DEFAULT_ENTITY_ALLOWANCE = 5;

/** The package's custom channel (file platformEventChannels/ML_Connector__chn.platformEventChannel-meta.xml). */
export const CDC_CHANNEL = 'ML_Connector__chn';

export interface CdcEntityRole {
  /** Object API name. */
  entity: string;
  /** `channel`: selected on ML_Connector__chn; `not-read`: the service only writes it. */
  delivery: 'channel' | 'not-read';
  /**
   * A change of this entity is a change of its parent for the flows that read it as a child (`source.include`):
   * the service reads the parent id from this field and re-reads the parent with its children.
   */
  parent?: { entity: string; field: string };
  /** Why, in one sentence (the admin guide repeats it). */
  reason: string;
}

export const CDC_DESIGN: readonly CdcEntityRole[] = [
  { entity: 'Account', delivery: 'channel', reason: 'read by sf-accounts-to-bc-customers; the customer every order names' },
  {
    entity: 'Contact',
    delivery: 'channel',
    parent: { entity: 'Account', field: 'AccountId' },
    reason: "an Account's contacts give the BC customer its e-mail and phone",
  },
  { entity: 'Order', delivery: 'channel', reason: 'read by sf-orders-to-gp-sales-documents, sf-order-revenue-to-gp-gl and sf-orders-to-bc-sales-orders' },
  {
    entity: 'OrderItem',
    delivery: 'channel',
    parent: { entity: 'Order', field: 'OrderId' },
    reason: 'the lines of an order; editable after activation with "Edit Activated Orders"',
  },
  { entity: 'Product2', delivery: 'channel', reason: 'read by sf-products-to-bc-items; order lines resolve to its items' },
  { entity: 'Opportunity', delivery: 'not-read', reason: 'only written (invoiced, paid, balance from the ERP), never read' },
];

/** `Account` → `AccountChangeEvent`, `Invoice__c` → `Invoice__ChangeEvent` (CDC event names). */
export function changeEventName(entity: string): string {
  return entity.endsWith('__c') ? `${entity.slice(0, -3)}__ChangeEvent` : `${entity}ChangeEvent`;
}

/** The channel members the design asks for, as `selectedEntity` values. */
export function designedChannelMembers(): string[] {
  return CDC_DESIGN.filter((role) => role.delivery === 'channel').map((role) => changeEventName(role.entity)).sort();
}
