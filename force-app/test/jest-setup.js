// Shared Jest set-up for every LWC test: the sa11y matcher (expect(element).toBeAccessible(), axe-core rules of
// the Salesforce base preset), and a clean DOM and clean mocks between tests, so no test leans on another.
const { setup } = require('@sa11y/jest');

setup();

afterEach(() => {
    while (globalThis.document.body.firstChild) {
        globalThis.document.body.removeChild(globalThis.document.body.firstChild);
    }
    jest.clearAllMocks();
});
