using Omslite.Sdk.Registry;

namespace Omslite.Hub.Signing;

/// <summary>
/// Signs the files of one pack run with the MO's key through OpenSSL with the GOST engine: each file is copied with
/// the key material into a fresh private directory, signed there (detached CMS, DER) and the directory deleted, so
/// the private key is on disk only while openssl reads it. D2.5: any failure is a <see cref="PackSigningException"/>
/// with a Russian reason that keeps OpenSSL's message, and is remembered so the hub knows the run failed at signing.
/// </summary>
public sealed class OpenSslPackSigner(PackSigningKeyMaterial key, GostCms cms, string scratchRoot) : IPackSigner
{
    private const string Content = "content";
    private const string Signature = "content.sig";

    public string Extension => ".sig";

    /// <summary>The reason of the first failed signing of this run; null while every file was signed.</summary>
    public string? Failure { get; private set; }

    public async Task SignAsync(Stream content, Stream signature, CancellationToken ct)
    {
        try
        {
            using var directory = PrivateDirectory.Create(scratchRoot);
            await GostCms.WriteKeyAsync(directory, key, ct);
            await using (var file = directory.CreateFile(Content))
            {
                await content.CopyToAsync(file, ct);
            }

            var run = await cms.SignAsync(directory, Content, Signature, ct);
            if (!run.Succeeded)
            {
                throw Fail(OpenSslMessage.Describe(run, cms.Tool.Engine));
            }

            await using var signed = directory.OpenRead(Signature);
            if (signed.Length == 0)
            {
                throw Fail("OpenSSL не записал подпись (пустой файл)");
            }

            await signed.CopyToAsync(signature, ct);
        }
        catch (SigningToolException ex)
        {
            throw Fail(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail($"не удалось записать временные файлы подписи: {ex.Message}");
        }
    }

    private PackSigningException Fail(string reason)
    {
        Failure ??= reason;
        return new PackSigningException(reason);
    }
}
