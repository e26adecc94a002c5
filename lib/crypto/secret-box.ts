import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

// Source secrets must be usable (HMAC verification needs the secret itself), so they are sealed
// with AES-256-GCM under an app key rather than hashed. The key comes from SECRET_KEY, or is
// generated once into DATA_DIR (mode 0600) so a fresh install works without configuration.

let key: Buffer | undefined;

function appKey(): Buffer {
  if (key) return key;
  const e = env();
  if (e.SECRET_KEY) {
    const k = /^[0-9a-f]{64}$/i.test(e.SECRET_KEY) ? Buffer.from(e.SECRET_KEY, "hex") : Buffer.from(e.SECRET_KEY, "base64");
    if (k.length !== 32) throw new Error("SECRET_KEY must be 32 bytes, hex or base64");
    return (key = k);
  }
  const file = path.join(e.DATA_DIR, "secret.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(e.DATA_DIR, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return (key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex"));
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", appKey(), iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64"), c.getAuthTag().toString("base64"), body.toString("base64")].join(".");
}

export function unseal(sealed: string): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1") throw new Error("unknown sealed secret format");
  const d = createDecipheriv("aes-256-gcm", appKey(), Buffer.from(iv, "base64"));
  d.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([d.update(Buffer.from(body, "base64")), d.final()]).toString("utf8");
}

/** A 32-byte key for another purpose (e.g. signing session cookies), derived from the app key. */
export function deriveKey(purpose: string): string {
  return Buffer.from(hkdfSync("sha256", appKey(), Buffer.alloc(0), `receipts:${purpose}`, 32)).toString("hex");
}
