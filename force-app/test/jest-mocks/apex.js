// Stand-in for '@salesforce/apex' (refreshApex and friends): resolves at once, and is a jest.fn so tests can
// assert that a component refreshed the right wire.
export const refreshApex = jest.fn().mockResolvedValue();
export const getSObjectValue = jest.fn();
