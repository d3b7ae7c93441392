// LWC unit tests (sfdx-lwc-jest). CommonJS because the repository is "type": "module".
// Run: npx sfdx-lwc-jest -- --config jest.config.cjs
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    // Only force-app: the repository's vitest suites (test/**/*.test.ts) are not Jest tests.
    roots: ['<rootDir>/force-app'],
    moduleNameMapper: {
        // refreshApex as a jest.fn, so components' refresh paths can be asserted.
        '^@salesforce/apex$': '<rootDir>/force-app/test/jest-mocks/apex',
        // NavigationMixin that records where a component navigated (the stock stub forgets it).
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation'
    },
    // sa11y's matcher (expect(element).toBeAccessible()) and the shared clean-up between tests.
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/force-app/test/jest-setup.js'],
    // The mapping validation module and the shared modules carry logic worth measuring.
    coverageThreshold: {
        global: { lines: 90, branches: 80, functions: 90, statements: 90 }
    }
};
