import QRCode from 'qrcode';

/**
 * A QR code for `text` as an SVG data URL (qrcode): an <img> shows it, which
 * the content security policy allows (img-src data:) where inline SVG markup
 * or a canvas script would need more.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
