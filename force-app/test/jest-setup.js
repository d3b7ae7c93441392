// Shared Jest set-up for every LWC test: a clean DOM and clean mocks between tests, so no test leans on another.
afterEach(() => {
    while (globalThis.document.body.firstChild) {
        globalThis.document.body.removeChild(globalThis.document.body.firstChild);
    }
    jest.clearAllMocks();
});
