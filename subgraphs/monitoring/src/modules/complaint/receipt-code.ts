import { createHash, randomBytes } from "node:crypto";

/**
 * Receipt codes let a complainant, even an anonymous one, check their complaint later. The code
 * is the only credential, so it is unguessable: 160 random bits (20 bytes), written in
 * Crockford's base32 (no I, L, O or U, so it survives being read aloud or retyped) as eight
 * groups of four. Only the SHA-256 of the code is stored: a database leak does not give the
 * codes, and with 160 random bits the hash cannot be reversed by trying codes.
 */
export const RECEIPT_CODE_BYTES = 20;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUP = 4;

export function newReceiptCode(bytes: Buffer = randomBytes(RECEIPT_CODE_BYTES)): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(new RegExp(`.{1,${GROUP}}`, "g"))!.join("-");
}

/** The code as stored in hashed form: upper case, no separators, look-alike letters read as digits. */
export function normalizeReceiptCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/** The stored value: the SHA-256 (hex) of the normalized code. */
export function hashReceiptCode(code: string): string {
  return createHash("sha256").update(normalizeReceiptCode(code), "utf8").digest("hex");
}

/** The last group of the code, kept in clear so staff can confirm a caller holds the right code. */
export function receiptCodeLastGroup(code: string): string {
  return normalizeReceiptCode(code).slice(-GROUP);
}

/** What staff see of a code: every group masked but the last. */
export function maskedReceiptCode(lastGroup: string): string {
  const groups = Math.ceil((RECEIPT_CODE_BYTES * 8) / 5 / GROUP);
  return [...Array.from({ length: groups - 1 }, () => "*".repeat(GROUP)), lastGroup].join("-");
}
