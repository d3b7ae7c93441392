// Shared Jest set-up for every LWC test: the sa11y matcher (expect(element).toBeAccessible(), axe-core rules of
// the Salesforce base preset), and a clean DOM and clean mocks between tests, so no test leans on another.
const { setup } = require('@sa11y/jest');

setup();

// axe reads `value` from every element it walks; on the lightning-* stubs LWC answers that with a warning about a
// non-public property. Only that exact warning is dropped: every other one still shows.
const AXE_VALUE_PROBE = '[LWC warn]: The property "value" is not publicly accessible.';
const warn = console.warn;
console.warn = (...args) => {
    if (typeof args[0] === 'string' && args[0].startsWith(AXE_VALUE_PROBE)) {
        return;
    }
    warn(...args);
};

afterEach(() => {
    while (globalThis.document.body.firstChild) {
        globalThis.document.body.removeChild(globalThis.document.body.firstChild);
    }
    jest.clearAllMocks();
});
