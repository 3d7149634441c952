/**
 * Jest runs the TypeScript sources through ts-jest (TypeScript 5.9; ts-jest 29.4 supports < 7),
 * transpiling only (isolatedModules): the test command type-checks everything once with
 * `tsc --noEmit` before Jest starts, which is faster than ts-jest checking file by file.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  // pdf.js (inside pdf-parse) loads its worker with a dynamic import(); Jest only allows that
  // when Node runs with --experimental-vm-modules (see the "test" script).
  testTimeout: 30000,
};
