using System.Globalization;
using System.Xml;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>Services by code: quantities summed, tariff/profile/specialty of the first one; unreadable values are null.</summary>
internal sealed class ServiceTotals
{
    private readonly Dictionary<string, Total> _totals = new(StringComparer.Ordinal);
    private readonly List<Total> _order = [];
    private readonly TextBuffer _texts = new();

    /// <summary>The USL the reader is on, and past it.</summary>
    public void Read(XmlReader reader)
    {
        _texts.Clear();
        TextSlice? code = null, kol = null, tarif = null, profil = null, prvs = null;
        bool seenCode = false, seenKol = false, seenTarif = false, seenProfil = false, seenPrvs = false;
        if (XmlRecord.Enter(reader, out var depth))
        {
            while (XmlRecord.NextChild(reader, depth))
            {
                switch (reader.LocalName)
                {
                    case "CODE_USL" when !seenCode:
                        (seenCode, code) = (true, _texts.Read(reader));
                        break;
                    case "KOL_USL" when !seenKol:
                        (seenKol, kol) = (true, _texts.Read(reader));
                        break;
                    case "TARIF" when !seenTarif:
                        (seenTarif, tarif) = (true, _texts.Read(reader));
                        break;
                    case "PROFIL" when !seenProfil:
                        (seenProfil, profil) = (true, _texts.Read(reader));
                        break;
                    case "PRVS" when !seenPrvs:
                        (seenPrvs, prvs) = (true, _texts.Read(reader));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        if (code is not { } codeText)
        {
            return;
        }

        var quantity = Quantity(kol);
        if (_totals.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(_texts[codeText], out var known))
        {
            known.Quantity += quantity;
            return;
        }

        var total = new Total(_texts.Text(codeText))
        {
            Quantity = quantity,
            Tariff = tarif is { } t && decimal.TryParse(_texts[t], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var tariff) ? tariff : null,
            Profil = Natural(profil),
            Prvs = Natural(prvs),
        };
        _totals[total.Code] = total;
        _order.Add(total);
    }

    public List<InvoiceService> ToList() => _order.Select(t => new InvoiceService(t.Code, t.Quantity, t.Tariff, t.Profil, t.Prvs)).ToList();

    /// <summary>KOL_USL: the integer before the decimal point ("2.00" is 2); 0 when unreadable.</summary>
    private int Quantity(TextSlice? kol)
    {
        if (kol is not { } slice)
        {
            return 0;
        }

        var text = _texts[slice];
        var point = text.IndexOf('.');
        return int.TryParse(point < 0 ? text : text[..point], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) ? k : 0;
    }

    private int? Natural(TextSlice? slice) =>
        slice is { } s && int.TryParse(_texts[s], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class Total(string code)
    {
        public string Code { get; } = code;
        public int Quantity { get; set; }
        public decimal? Tariff { get; init; }
        public int? Profil { get; init; }
        public int? Prvs { get; init; }
    }
}
