import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { concatBytes as concat } from './bytes';
import { pdfFile } from './pdf-file';

/**
 * A minimal one-page PDF 2.0 (catalog, one empty page, an Info dictionary with
 * a Title) encrypted with the Standard security handler, V 5 / R 6: AES-256,
 * ISO 32000-2 §7.6.4.3–4. Either password may be empty; an empty user password
 * opens the file without asking. Only node:crypto is used.
 */
export function makeEncryptedPdf({
  title = 'Locked Book',
  userPassword = '',
  ownerPassword = 'owner',
} = {}): Uint8Array {
  const fileKey = random(32);
  const P = -4; // every permission (bits 1–2 must be 0)

  // Algorithm 8: U = hash(user password, validation salt) ‖ validation salt ‖ key salt;
  // UE = the file key, AES-256-CBC (zero IV, no padding) under hash(user password, key salt).
  const user = utf8Password(userPassword);
  const [uSalt, uKeySalt] = [random(8), random(8)];
  const U = concat(hash(user, uSalt), uSalt, uKeySalt);
  const UE = aes('aes-256-cbc', hash(user, uKeySalt), ZERO_IV, fileKey);

  // Algorithm 9: the same for the owner password, with the 48-byte U appended to every hash input.
  const owner = utf8Password(ownerPassword);
  const [oSalt, oKeySalt] = [random(8), random(8)];
  const O = concat(hash(owner, oSalt, U), oSalt, oKeySalt);
  const OE = aes('aes-256-cbc', hash(owner, oKeySalt, U), ZERO_IV, fileKey);

  // Algorithm 10: Perms = AES-256-ECB of P (32-bit little-endian), 0xFFFFFFFF,
  // 'T' (EncryptMetadata true), 'adb' and 4 random bytes.
  const block = new Uint8Array(16);
  new DataView(block.buffer).setInt32(0, P, true);
  block.set([0xff, 0xff, 0xff, 0xff, 0x54, 0x61, 0x64, 0x62], 4);
  block.set(random(4), 12);
  const perms = aes('aes-256-ecb', fileKey, null, block);

  // Strings are encrypted with the file key itself (no per-object key in V 5):
  // AES-256-CBC, PKCS#7 padding, a random IV prepended.
  const iv = random(16);
  const encTitle = concat(iv, aes('aes-256-cbc', fileKey, iv, textString(title), true));

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Title <${hex(encTitle)}> >>`,
    '<< /Filter /Standard /V 5 /R 6 /Length 256 ' +
      '/CF << /StdCF << /Type /CryptFilter /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> ' +
      `/StmF /StdCF /StrF /StdCF /P ${P} /EncryptMetadata true\n` +
      `/O <${hex(O)}>\n/U <${hex(U)}>\n/OE <${hex(OE)}>\n/UE <${hex(UE)}>\n/Perms <${hex(perms)}> >>`,
  ];
  const id = hex(random(16));
  return pdfFile('2.0', objects, `/Root 1 0 R /Info 4 0 R /Encrypt 5 0 R /ID [<${id}> <${id}>]`);
}

/**
 * Algorithm 2.B, the R 6 password hash. K = SHA-256(password ‖ salt ‖ udata); then
 * rounds of: E = AES-128-CBC (key K[0..16], IV K[16..32]) of 64 × (password ‖ K ‖ udata);
 * K = SHA-256, -384 or -512 of E, chosen by (sum of E's first 16 bytes) mod 3. At least
 * 64 rounds, continuing while E's last byte > round count − 32. The result is K[0..32].
 */
function hash(
  password: Uint8Array,
  salt: Uint8Array,
  udata: Uint8Array = new Uint8Array(),
): Uint8Array {
  let k = sha('sha256', concat(password, salt, udata));
  let e: Uint8Array;
  let round = 0;
  do {
    const k1 = concat(...Array<Uint8Array>(64).fill(concat(password, k, udata)));
    e = aes('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32), k1);
    const sum = e.subarray(0, 16).reduce((a, b) => a + b, 0);
    k = sha(['sha256', 'sha384', 'sha512'][sum % 3]!, e);
    round++;
  } while (round < 64 || e[e.length - 1]! > round - 32);
  return k.subarray(0, 32);
}

const ZERO_IV = new Uint8Array(16); // UE and OE: AES-256-CBC, zero IV, no padding

/** Encrypts with node:crypto, PKCS#7-padded only when asked; plain Uint8Array out. */
function aes(
  cipher: string,
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
  pad = false,
): Uint8Array {
  const c = createCipheriv(cipher, key, iv).setAutoPadding(pad);
  return concat(new Uint8Array(c.update(data)), new Uint8Array(c.final()));
}

function sha(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

/** R 6 passwords are UTF-8 (SASLprep is a no-op for the passwords used here), ≤ 127 bytes. */
function utf8Password(password: string): Uint8Array {
  return new TextEncoder().encode(password).subarray(0, 127);
}

/** A PDF text string: ASCII as is (PDFDocEncoding), anything else UTF-16BE with a BOM. */
function textString(text: string): Uint8Array {
  if (/^[\x20-\x7e]*$/.test(text)) return new TextEncoder().encode(text);
  const bytes = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    bytes.push(text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff); // UTF-16 code units
  }
  return new Uint8Array(bytes);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
