using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// The name grammars of the files TFOMS Primorye sends back (workflows.md §2.1, §3.1). Cyrillic letters that look
/// like Latin ones (TFOMS sometimes writes a Cyrillic Т or М) are read as their Latin twins; the name as uploaded is
/// kept for messages.
/// </summary>
internal static partial class ReturnNames
{
    /// <summary><c>FHT25M250999_22039992.xml</c>: 6 letters or digits, the MO code, <c>_</c>, YY, MM, the short MO, the pack.</summary>
    [GeneratedRegex(@"^\w{6}([0-9]*)_([0-9]{2})([0-9]{2})([0-9]{3})", RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolPattern();

    /// <summary><c>HM250796S25011_211079610.zip</c>: 2 letters, the MO code, S or T, the payer, <c>_</c>, YY, MM, the short MO.</summary>
    [GeneratedRegex(@"\w{2}([0-9]*)[ST]([0-9]*)_([0-9]{2})([0-9]{2})([0-9]{3})", RegexOptions.CultureInvariant)]
    private static partial Regex InvoicePattern();

    private const string LookAlikes = "ТМНСРЕАОХКтмнсреаохк";
    private const string LatinTwins = "TMHCPEAOXKtmhcpeaoxk";

    public static ErrorProtocolName Protocol(string fileName)
    {
        var name = Latin(fileName);
        if (!name.EndsWith(".xml", StringComparison.Ordinal))
        {
            throw new RegionFormatException($"Допустимое расширение имени файла .xml {fileName}");
        }

        var match = ProtocolPattern().Match(name);
        if (!match.Success)
        {
            throw new RegionFormatException(
                $"Имя файла протокола не соответствует шаблону: {fileName} (ожидается, например, FHT25M250999_22039992.xml)");
        }

        var (year, month) = Period(match.Groups[2].Value, match.Groups[3].Value, fileName);
        return new ErrorProtocolName(match.Groups[1].Value, year, month, match.Groups[4].Value);
    }

    public static InvoiceName Invoice(string fileName)
    {
        var name = Latin(fileName);
        if (!name.EndsWith(".zip", StringComparison.Ordinal))
        {
            throw new RegionFormatException($"Допустимое расширение имени файла .zip {fileName}");
        }

        var match = InvoicePattern().Match(name);
        if (!match.Success)
        {
            throw new RegionFormatException($"Имя файла не соответствует шаблону: {fileName}");
        }

        var payer = match.Groups[2].Value;
        if (payer.Length == 0)
        {
            throw new RegionFormatException($"В имени файла счета {fileName} нет smo");
        }

        var (year, month) = Period(match.Groups[3].Value, match.Groups[4].Value, fileName);
        // Two digits or fewer are the region (T25): the territorial fund pays.
        return new InvoiceName(fileName, match.Groups[1].Value, payer.Length <= 2 ? "0" : payer, year, month, match.Groups[5].Value);
    }

    /// <summary>The name with Cyrillic look-alike letters replaced by their Latin twins.</summary>
    public static string Latin(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            var i = LookAlikes.IndexOf(c);
            builder.Append(i >= 0 ? LatinTwins[i] : c);
        }

        return builder.ToString();
    }

    private static (int Year, int Month) Period(string yy, string mm, string fileName)
    {
        var month = int.Parse(mm, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            throw new RegionFormatException($"Неверный месяц {mm} в имени файла {fileName}");
        }

        return (2000 + int.Parse(yy, CultureInfo.InvariantCulture), month);
    }
}
