/** One finding of the offline package checks: which check, which file (relative to the project root), what. */
export interface Problem {
  check: string;
  file: string;
  message: string;
}
