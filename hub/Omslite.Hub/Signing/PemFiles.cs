using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Omslite.Hub.Signing;

/// <summary>
/// Reads the uploaded key files without trusting them: certificates from PEM (any number of blocks, text around them
/// ignored) or from one DER certificate (the original's notes named a <c>crt.der</c>); the private key from its PEM
/// block only. Each reader returns null and a Russian reason when the file is not what it should be.
/// </summary>
public static class PemFiles
{
    private const string CertificateLabel = "CERTIFICATE";

    /// <summary>The certificates of a file, in order, each as parsed and as normalised PEM.</summary>
    public static (IReadOnlyList<X509Certificate2>? Certificates, string? Error) ReadCertificates(byte[] file)
    {
        var text = Text(file);
        var found = new List<X509Certificate2>();
        try
        {
            foreach (var (label, der) in Blocks(text))
            {
                if (label == CertificateLabel)
                {
                    found.Add(X509CertificateLoader.LoadCertificate(der));
                }
            }

            if (found.Count == 0 && !text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                found.Add(X509CertificateLoader.LoadCertificate(file));
            }
        }
        catch (CryptographicException ex)
        {
            return (null, $"сертификат не читается: {ex.Message}");
        }

        return found.Count == 0
            ? (null, "в файле нет сертификата X.509 (ожидается PEM «-----BEGIN CERTIFICATE-----» или DER)")
            : (found, null);
    }

    /// <summary>The PEM text of certificates, one block each.</summary>
    public static string ToPem(IEnumerable<X509Certificate2> certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    /// <summary>The private key's PEM block (PKCS#8 "PRIVATE KEY", or a legacy "... PRIVATE KEY"), not encrypted.</summary>
    public static (string? Pem, string? Error) ReadPrivateKey(byte[] file)
    {
        var text = Text(file);
        // PKCS#8 "ENCRYPTED PRIVATE KEY", or the legacy "Proc-Type: 4,ENCRYPTED" header.
        if (text.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            return (null, "закрытый ключ защищён паролем: выгрузите его без пароля (PEM «-----BEGIN PRIVATE KEY-----»)");
        }

        foreach (var (label, der) in Blocks(text))
        {
            if (label.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                return (new string(PemEncoding.Write(label, der)) + "\n", null);
            }
        }

        return (null, "в файле нет закрытого ключа (ожидается PEM «-----BEGIN PRIVATE KEY-----»)");
    }

    private static string Text(byte[] file) => Encoding.UTF8.GetString(file);

    /// <summary>Every well-formed PEM block of the text: its label and decoded bytes.</summary>
    private static IEnumerable<(string Label, byte[] Der)> Blocks(string text)
    {
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            var der = Convert.FromBase64String(rest.Span[fields.Base64Data].ToString());
            rest = rest[fields.Location.End..];
            yield return (label, der);
        }
    }
}
