// Stand-in for 'lightning/navigation' that records what a component asked to navigate to, so tests can assert the
// page reference (sfdx-lwc-jest's own stub drops it).
export const CurrentPageReference = jest.fn();

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');
let lastPageReference;

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            lastPageReference = { pageReference, replace };
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(`/lightning/r/${pageReference.attributes.recordId}/view`);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** The last { pageReference, replace } a component navigated to, then forgets it. */
export function takeNavigation() {
    const taken = lastPageReference;
    lastPageReference = undefined;
    return taken;
}
