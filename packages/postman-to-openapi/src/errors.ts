/** Why a collection could not be converted at all. The CLI maps every one of these to exit code 2. */
export type CollectionErrorCode =
  | 'not-json'
  | 'not-a-collection'
  | 'unknown-schema-version'
  | 'file-not-found';

/** Bad input: one line naming what is wrong and where. Never carries a stack trace to the user. */
export class CollectionError extends Error {
  override readonly name = 'CollectionError';
  readonly code: CollectionErrorCode;
  /** Where in the input the problem is (a JSON position, `info.schema`, a file path...). */
  readonly location: string;

  constructor(code: CollectionErrorCode, location: string, message: string) {
    super(`${location}: ${message}`);
    this.code = code;
    this.location = location;
  }
}

/** Codes of the non-fatal problems the converter reports; see README "Warnings". */
export type WarningCode =
  | 'invalid-json-body'
  | 'invalid-json-response'
  | 'unsupported-auth'
  | 'incomplete-auth'
  | 'unsupported-method'
  | 'unsupported-body-mode'
  | 'missing-status-code'
  | 'path-param-renamed'
  | 'unresolved-server-variable'
  | 'empty-url';

/** A non-fatal problem: the output is still produced, but something in it is approximated or left out. */
export interface ConversionWarning {
  code: WarningCode;
  /** Folder and request names from the collection root, joined with ` / `. */
  location: string;
  message: string;
}

/** Collects warnings in collection order. */
export class WarningSink {
  readonly list: ConversionWarning[] = [];

  add(code: WarningCode, location: string, message: string): void {
    this.list.push({ code, location, message });
  }
}
