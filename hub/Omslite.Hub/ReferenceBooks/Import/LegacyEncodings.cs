using System.Text;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// windows-1251, the encoding of most FFOMS and TFOMS files. .NET knows it only after the code-pages provider is
/// registered; XmlReader then honours <c>encoding="windows-1251"</c> in a declaration.
/// </summary>
internal static class LegacyEncodings
{
    private static readonly Lazy<Encoding> Cp1251 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    });

    public static Encoding Windows1251 => Cp1251.Value;

    /// <summary>Makes the legacy code pages known to every reader of this process.</summary>
    public static void Register() => _ = Cp1251.Value;
}
