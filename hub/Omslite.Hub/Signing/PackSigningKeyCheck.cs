using System.Security.Cryptography.X509Certificates;
using Omslite.Hub.Api;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Signing;

/// <summary>The three uploaded files, as bytes (the API's form fields and the CLI's files <c>crt</c>, <c>key</c>, <c>ca</c>).</summary>
public sealed record PackSigningKeyUpload(byte[]? Certificate, byte[]? PrivateKey, byte[]? CaChain);

/// <summary>What is shown of a key: the signer certificate's public facts (never the key).</summary>
public sealed record CertificateFacts(
    string Owner, string Subject, string Issuer, string SerialNumber, DateTime NotBefore, DateTime NotAfter, string Fingerprint)
{
    public static CertificateFacts Of(X509Certificate2 certificate) => new(
        certificate.GetNameInfo(X509NameType.SimpleName, false),
        certificate.Subject,
        certificate.Issuer,
        certificate.SerialNumber,
        certificate.NotBefore.ToUniversalTime(),
        certificate.NotAfter.ToUniversalTime(),
        // The SHA-1 thumbprint, as Windows and CryptoPro show a certificate.
        certificate.Thumbprint);
}

/// <summary>A key that passed the check: the normalised PEM material, its certificate's facts, and whether its chain
/// verified against ca.pem (a warning, not a refusal: see docs/signing.md).</summary>
public sealed record CheckedSigningKey(PackSigningKeyMaterial Material, CertificateFacts Certificate, bool ChainVerified, string? ChainMessage);

/// <summary>
/// Checks an upload before anything is stored: each file parses (certificates as X.509, the key as an unencrypted PEM
/// private key), the certificate is in force, and OpenSSL with the GOST engine signs a probe with the key and the
/// certificate — which proves the key matches the certificate and that signing works on this host — then verifies
/// the probe against ca.pem for the chain.
/// </summary>
public sealed class PackSigningKeyCheck(GostCms cms, OmsliteOptions options, TimeProvider clock)
{
    /// <summary>A PEM certificate or key is a few kilobytes; a CA chain a few certificates.</summary>
    public const int MaxFileBytes = 256 * 1024;

    private const string Probe = "probe.txt";

    public async Task<(CheckedSigningKey? Key, IReadOnlyList<FieldError> Errors)> CheckAsync(PackSigningKeyUpload upload, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var certificates = Read(upload.Certificate, "crt", "сертификат (crt.pem)", PemFiles.ReadCertificates, errors);
        var key = Read(upload.PrivateKey, "key", "закрытый ключ (key.pem)", PemFiles.ReadPrivateKey, errors);
        var chain = Read(upload.CaChain, "ca", "цепочку УЦ (ca.pem)", PemFiles.ReadCertificates, errors);
        if (certificates is null || key is null || chain is null)
        {
            return (null, errors);
        }

        var signer = certificates[0];
        var facts = CertificateFacts.Of(signer);
        if (facts.NotAfter < clock.GetUtcNow().UtcDateTime)
        {
            return (null, [new FieldError("crt", $"Срок действия сертификата истёк {facts.NotAfter:dd.MM.yyyy}: загрузите действующий")]);
        }

        var material = new PackSigningKeyMaterial(PemFiles.ToPem([signer]), key, PemFiles.ToPem(chain));
        try
        {
            using var directory = PrivateDirectory.Create(Path.Combine(options.DataDir, "tmp"));
            await GostCms.WriteKeyAsync(directory, material, ct);
            await directory.WriteTextAsync(Probe, "Omslite: проверка ключа подписи\n", ct);
            var signed = await cms.SignAsync(directory, Probe, Probe + ".sig", ct);
            if (!signed.Succeeded)
            {
                return (null, [new FieldError("key", "Ключ не подписывает: " + OpenSslMessage.Describe(signed, cms.Tool.Engine))]);
            }

            var verified = await cms.VerifyAsync(directory, Probe, Probe + ".sig", ct);
            return (new CheckedSigningKey(material, facts, verified.Succeeded,
                verified.Succeeded ? null : OpenSslMessage.Describe(verified, cms.Tool.Engine)), []);
        }
        catch (SigningToolException ex)
        {
            return (null, [new FieldError("key", "Ключ не проверен: " + ex.Message)]);
        }
    }

    private static T? Read<T>(byte[]? file, string field, string what, Func<byte[], (T?, string?)> read, List<FieldError> errors) where T : class
    {
        if (file is null || file.Length == 0)
        {
            errors.Add(new FieldError(field, $"Выберите {what}"));
            return null;
        }

        if (file.Length > MaxFileBytes)
        {
            errors.Add(new FieldError(field, $"Файл слишком большой для ключевого файла: {what}"));
            return null;
        }

        var (value, error) = read(file);
        if (error is not null)
        {
            errors.Add(new FieldError(field, $"{char.ToUpper(what[0])}{what[1..]}: {error}"));
        }

        return value;
    }
}
