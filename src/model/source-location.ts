/** Where in a spec file a value was written: errors and diagnostics point the user there. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly col: number;
}
