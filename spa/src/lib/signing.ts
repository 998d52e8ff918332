/** The MO's pack-signing key as GET /api/mo/signing-key shows it (docs/signing.md): the certificate, never the key. */
export interface SigningKeyInfo {
  configured: boolean;
  owner?: string;
  subject?: string;
  issuer?: string;
  serialNumber?: string;
  notBefore?: string;
  notAfter?: string;
  fingerprint?: string;
  chainVerified?: boolean;
  chainMessage?: string | null;
  uploadedBy?: string;
  uploadedAt?: string;
}

/** Whether the certificate is in force now. */
export function keyInForce(key: SigningKeyInfo | null, now = new Date()): boolean {
  if (!key?.configured || !key.notBefore || !key.notAfter) return false;
  return new Date(key.notBefore) <= now && now <= new Date(key.notAfter);
}
