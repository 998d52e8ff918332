namespace Omslite.Hub.Signing;

/// <summary>The MO's key material as the original kept it in <c>pem/</c>: signer certificate, private key, CA chain (PEM).</summary>
public sealed record PackSigningKeyMaterial(string Certificate, string PrivateKey, string CaChain);

/// <summary>
/// The two OpenSSL CMS operations of pack signing (registry-pack-25.md §1.5), on files of a <see cref="PrivateDirectory"/>
/// holding the key material under the original's names <c>crt.pem</c>, <c>key.pem</c> and <c>ca.pem</c>.
/// </summary>
public sealed class GostCms(OpenSslTool tool)
{
    public const string CertificateFile = "crt.pem";
    public const string KeyFile = "key.pem";
    public const string CaFile = "ca.pem";

    public OpenSslTool Tool => tool;

    /// <summary>Puts the key material into the directory.</summary>
    public static async Task WriteKeyAsync(PrivateDirectory directory, PackSigningKeyMaterial key, CancellationToken ct)
    {
        await directory.WriteTextAsync(CertificateFile, key.Certificate, ct);
        await directory.WriteTextAsync(KeyFile, key.PrivateKey, ct);
        await directory.WriteTextAsync(CaFile, key.CaChain, ct);
    }

    /// <summary>
    /// <c>openssl cms -sign -engine gost -binary -outform DER -signer crt.pem -inkey key.pem -in FILE -out SIG</c>:
    /// without <c>-nodetach</c> the SignedData is detached (the content is not embedded); without <c>-nocerts</c> the
    /// signer certificate is included, as OpenSSL does by default; without <c>-certfile</c> the CA chain is not
    /// embedded (ca.pem serves verification only, so it is not passed); <c>-binary</c> signs the exact bytes, with no
    /// MIME canonicalisation; <c>-passin pass:</c> makes a password-protected key fail instead of prompting.
    /// </summary>
    public Task<OpenSslRun> SignAsync(PrivateDirectory directory, string content, string signature, CancellationToken ct) =>
        tool.RunAsync(directory.Path,
        [
            "cms", "-sign", "-engine", tool.Engine, "-binary", "-outform", "DER",
            "-signer", CertificateFile, "-inkey", KeyFile, "-passin", "pass:", "-in", content, "-out", signature,
        ], ct);

    /// <summary>
    /// <c>openssl cms -verify -engine gost -binary -inform DER -in SIG -content FILE -CAfile ca.pem -purpose any</c>:
    /// the signature over the file and the signer certificate's chain up to ca.pem, at the current time. Any key
    /// usage is accepted: TFOMS checks the purpose with CryptoPro, and qualified certificates differ in it.
    /// </summary>
    public Task<OpenSslRun> VerifyAsync(PrivateDirectory directory, string content, string signature, CancellationToken ct) =>
        tool.RunAsync(directory.Path,
        [
            "cms", "-verify", "-engine", tool.Engine, "-binary", "-inform", "DER", "-in", signature, "-content", content,
            "-CAfile", CaFile, "-purpose", "any", "-out", content + ".verified",
        ], ct);
}
