import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from '../src/index.js';
import {
  CollectionError,
  type ConversionWarning,
  type ConvertResult,
  convert,
  type OpenApiDocument,
  type WarningCode,
} from '../src/index.js';

describe('public API', () => {
  it('exports exactly the entry points', () => {
    expect(Object.keys(api).sort()).toEqual(['CollectionError', 'convert', 'toJson', 'toYaml']);
  });

  it('types convert() and its result', () => {
    expectTypeOf(convert).parameter(1).toEqualTypeOf<api.ConvertOptions | undefined>();
    expectTypeOf(convert).returns.toEqualTypeOf<ConvertResult>();
    expectTypeOf<ConvertResult['document']>().toEqualTypeOf<OpenApiDocument>();
    expectTypeOf<ConvertResult['warnings']>().toEqualTypeOf<ConversionWarning[]>();
    expectTypeOf<ConversionWarning['code']>().toEqualTypeOf<WarningCode>();
    // @ts-expect-error tag naming is 'leaf' or 'chain' only
    const options: api.ConvertOptions = { tagNaming: 'flat' };
    expect(options).toBeDefined();
  });

  it('throws CollectionError for bad input', () => {
    expect(() => convert('nope')).toThrow(CollectionError);
  });
});
