/**
 * A usage or setup problem the user can fix (a missing path, no tsconfig, nothing to scan, an
 * unwritable output): the scanner prints its message on one line and exits with 2, never a stack.
 */
export class ScanSetupError extends Error {
  override readonly name = 'ScanSetupError';
}
