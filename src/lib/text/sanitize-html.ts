import DOMPurify from 'dompurify';

/**
 * Book descriptions often carry HTML (from the OPF, the sources). It is shown
 * only after this: text formatting survives; scripts, event handlers, styles,
 * frames, forms and anything not on the list are removed.
 */
export function sanitizeDescription(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [
      'p',
      'br',
      'b',
      'strong',
      'i',
      'em',
      'u',
      'ul',
      'ol',
      'li',
      'blockquote',
      'h3',
      'h4',
      'h5',
      'h6',
      'a',
      'span',
    ],
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^https?:\/\//i,
  });
}
