namespace Omslite.Sdk.Registry;

/// <summary>
/// Signs the files of a registry pack with the MO's key (registry-pack-25.md §1.5): a detached signature of the exact
/// bytes of each file, which the format puts into the zip beside the file (same base name, <see cref="Extension"/>).
/// The hub supplies one in <see cref="PackRequest.Signer"/> when the user asked for a signed pack; a format that
/// writes files calls it after a file is complete and before zipping.
/// </summary>
/// <remarks>
/// D2.5: a failure throws <see cref="PackSigningException"/>; the format then produces no zip (its caller marks
/// nothing sent) and reports "Ошибка подписи файла &lt;name&gt;: &lt;reason&gt;".
/// </remarks>
public interface IPackSigner
{
    /// <summary>The extension of a signature file, with its dot, e.g. <c>.sig</c>.</summary>
    string Extension { get; }

    /// <summary>Writes the detached signature of <paramref name="content"/> (read to its end) to
    /// <paramref name="signature"/>.</summary>
    /// <param name="content">The exact bytes of the file to sign.</param>
    /// <param name="signature">Where the signature (e.g. CMS SignedData, DER) goes.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <exception cref="PackSigningException">The file could not be signed; the message says why, in Russian.</exception>
    Task SignAsync(Stream content, Stream signature, CancellationToken cancellationToken);
}

/// <summary>A file of a pack could not be signed; <see cref="Exception.Message"/> is the reason, in Russian (e.g. the
/// signing tool's own message, or "не найден ключ подписи МО").</summary>
public sealed class PackSigningException : Exception
{
    /// <summary>Creates the failure.</summary>
    public PackSigningException(string message) : base(message)
    {
    }

    /// <summary>Creates the failure with its cause.</summary>
    public PackSigningException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
