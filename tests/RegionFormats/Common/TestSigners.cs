using System.Security.Cryptography;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Tests;

/// <summary>
/// Signers for the contract tests of a format's signing step (registry-pack-25.md §1.5, D2.5). They are not stand-ins
/// for the hub's GOST signer: the format only has to hand each complete file's exact bytes to <see cref="IPackSigner"/>
/// and put what comes back into the zip, so a signer whose output can be recomputed (a SHA-256 of the content) shows
/// exactly which bytes were signed.
/// </summary>
internal sealed class Sha256Signer(string extension = ".sig") : IPackSigner
{
    /// <summary>How many files were signed.</summary>
    public int Signed { get; private set; }

    public string Extension => extension;

    public async Task SignAsync(Stream content, Stream signature, CancellationToken cancellationToken)
    {
        var hash = await SHA256.HashDataAsync(content, cancellationToken);
        await signature.WriteAsync(hash, cancellationToken);
        Signed++;
    }
}

/// <summary>A signer that fails on its <paramref name="failingCall"/>-th file with the reason the signing tool gave.</summary>
internal sealed class FailingSigner(int failingCall, string reason) : IPackSigner
{
    private int _calls;

    public string Extension => ".sig";

    public async Task SignAsync(Stream content, Stream signature, CancellationToken cancellationToken)
    {
        if (++_calls == failingCall)
        {
            throw new PackSigningException(reason);
        }

        await content.CopyToAsync(Stream.Null, cancellationToken);
        signature.WriteByte(1);
    }
}
