/**
 * Names in a namespaced org (SALESFORCE-PACKAGE.md §6): every packaged custom name carries the prefix —
 * `ns__Field__c`, `ns__Obj__c`, `ns__Obj__r`. Standard names and names that already carry a prefix are left
 * alone. Relationship paths (`Account.GP_Customer_Number__c`) are qualified segment by segment.
 */
export interface Namespacer {
  readonly namespace: string;
  qualify(name: string): string;
  /** `ns__Foo__c` → `Foo__c` (the package-local name). */
  localName(name: string): string;
}

const LOCAL_CUSTOM_RE = /^[A-Za-z][A-Za-z0-9_]*?__(c|r|mdt|e)$/;

export function createNamespacer(namespace: string): Namespacer {
  const prefix = namespace ? `${namespace}__` : '';
  const qualifySegment = (segment: string): string => {
    if (!prefix || !LOCAL_CUSTOM_RE.test(segment) || segment.split('__').length > 2) return segment;
    return prefix + segment;
  };
  return {
    namespace,
    qualify: (name) => name.split('.').map(qualifySegment).join('.'),
    localName: (name) =>
      name
        .split('.')
        .map((s) => (prefix && s.toLowerCase().startsWith(prefix.toLowerCase()) && s.split('__').length > 2 ? s.slice(prefix.length) : s))
        .join('.'),
  };
}
