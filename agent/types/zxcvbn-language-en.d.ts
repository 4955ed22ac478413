// language-en's own index also loads its dictionaries (+9 MB of heap); the
// agent needs only the English feedback texts, which ship without types of
// their own under this name.
declare module '@zxcvbn-ts/language-en/dist/translations.mjs' {
  import type { TranslationKeys } from '@zxcvbn-ts/core';
  const translations: TranslationKeys;
  export default translations;
}
