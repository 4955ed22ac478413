import crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bytesSource } from '#core/bytes/byte-source';
import type { FormatPlatform } from '#core/formats/platform';
import { readPdf } from '#core/formats/pdf/index';
import type { Extraction } from '#core/formats/types';
import { nodePdfPlatform } from '../../agent/platform/pdfjs';
import { makeEncryptedPdf } from '../support/make-encrypted-pdf';

/**
 * PDF 2.0 / AES-256 (V 5, R 6) files generated here, read through the patched
 * pdf.js key derivation (patches/pdfjs-dist+*.patch: PDF20._hash on node:crypto).
 * The corpus has only one R 6 file, with an empty user password.
 */

const pdf = nodePdfPlatform();
const platform: FormatPlatform = { pdf };

const read = (bytes: Uint8Array): Promise<Extraction> =>
  readPdf(bytesSource(bytes, 'locked.pdf'), platform);

const infoTitle = (result: Extraction): unknown =>
  result.candidates.find((c) => c.origin === 'embedded:pdf-info' && c.field === 'title')?.value;

/** Opens the file with pdf.js directly, with a password readPdf never gives, for its Title. */
async function titleWithPassword(bytes: Uint8Array, password?: string): Promise<unknown> {
  const pdfjs = await pdf.load();
  // pdf.js transfers the data it is given: hand it a copy.
  const task = pdfjs.getDocument({ ...pdf.documentOptions, data: bytes.slice(), password });
  try {
    const { info } = await (await task.promise).getMetadata();
    return (info as Record<string, unknown>)['Title'];
  } finally {
    await task.destroy();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readPdf on AES-256 (R 6) PDFs', () => {
  it('(a) opens one with an empty user password: reads the Title, flags it encrypted', async () => {
    const bytes = makeEncryptedPdf({ title: 'A Locked Book', ownerPassword: 'owner-pw' });
    const result = await read(bytes);
    expect(infoTitle(result)).toBe('A Locked Book');
    expect(result.flags).toEqual({ encrypted: true });
    expect(result.candidates).toContainEqual(
      expect.objectContaining({ field: 'pageCount', value: 1 }),
    );
    expect(result.warnings).toEqual([]);
  });

  it('(a) opens 20 fresh files: the derivation agrees however many rounds it takes', async () => {
    // Algorithm 2.B stops after round 64 or later, once E's last byte ≤ round − 32: an
    // off-by-one there changes the key only for some salts, so try many.
    for (let n = 0; n < 20; n++) {
      const result = await read(makeEncryptedPdf({ title: `Book ${n}` }));
      expect(infoTitle(result)).toBe(`Book ${n}`);
    }
  });

  it('derives the key on node:crypto, not pdf.js’s JavaScript SHA-2 and AES', async () => {
    const bytes = makeEncryptedPdf({ title: 'Fast' });
    const cipheriv = vi.spyOn(crypto, 'createCipheriv');
    const result = await read(bytes);
    expect(infoTitle(result)).toBe('Fast');
    // Algorithm 2.B runs ≥ 64 rounds of AES-128-CBC, twice (check U, then decrypt UE).
    const rounds = cipheriv.mock.calls.filter(([name]) => name === 'aes-128-cbc').length;
    expect(rounds).toBeGreaterThanOrEqual(128);
  });

  it('(b) catalogs one with a user password as encrypted, without its Title', async () => {
    const bytes = makeEncryptedPdf({
      title: 'Hidden Title',
      userPassword: 'secret',
      ownerPassword: 'owner-pw',
    });
    const result = await read(bytes);
    expect(result).toEqual({
      format: 'pdf',
      candidates: [],
      flags: { encrypted: true },
      warnings: [expect.stringMatching(/^locked\.pdf is protected by a password, so its title/)],
    });
    expect(JSON.stringify(result)).not.toContain('Hidden');
  });

  it('(b) the same file: pdf.js refuses a wrong password, accepts the user and owner ones', async () => {
    const bytes = makeEncryptedPdf({
      title: 'Hidden Title',
      userPassword: 'secret',
      ownerPassword: 'owner-pw',
    });
    const refused = (code: number, message: string) =>
      expect.objectContaining({ name: 'PasswordException', code, message });
    await expect(titleWithPassword(bytes)).rejects.toEqual(refused(1, 'No password given'));
    await expect(titleWithPassword(bytes, 'wrong')).rejects.toEqual(
      refused(2, 'Incorrect Password'),
    );
    await expect(titleWithPassword(bytes, 'secret')).resolves.toBe('Hidden Title');
    // The owner password goes through Algorithm 9 (O and OE, hashed with U).
    await expect(titleWithPassword(bytes, 'owner-pw')).resolves.toBe('Hidden Title');
  });

  it('(c) reads a Unicode Title (UTF-16BE with a BOM, then encrypted) exactly', async () => {
    const title = 'Œuvres — 第一 𝄞';
    const result = await read(makeEncryptedPdf({ title }));
    expect(infoTitle(result)).toBe(title);
    expect(result.flags).toEqual({ encrypted: true });
  });
});
