using System.Globalization;
using System.Xml.Linq;

namespace Omslite.RegionFormats.Primorye25.Registers.Xlsx;

/// <summary>
/// Appends the styles written cells use to a template's <c>xl/styles.xml</c>: a thin black border on all sides, the
/// number formats <c>### ### ##0.00</c> (data), <c># ### ##0.00</c> (totals) and <c>dd.mm.yyyy</c>. The template's own
/// styles keep their indexes.
/// </summary>
internal static class CellStyles
{
    public const string DataMoney = "### ### ##0.00";
    public const string TotalMoney = "# ### ##0.00";
    public const string Date = "dd.mm.yyyy";

    /// <returns>The cellXfs index of each look.</returns>
    public static IReadOnlyDictionary<CellLook, int> Append(XDocument styles)
    {
        var root = styles.Root!;
        var ns = root.Name.Namespace;
        var numFmts = root.Element(ns + "numFmts");
        if (numFmts is null)
        {
            numFmts = new XElement(ns + "numFmts");
            root.AddFirst(numFmts);
        }

        var nextFormat = Math.Max(164, numFmts.Elements(ns + "numFmt").Select(f => (int)f.Attribute("numFmtId")! + 1).DefaultIfEmpty(164).Max());
        int Format(string code)
        {
            var id = nextFormat++;
            numFmts.Add(new XElement(ns + "numFmt", new XAttribute("numFmtId", id), new XAttribute("formatCode", code)));
            return id;
        }

        var dataMoney = Format(DataMoney);
        var totalMoney = Format(TotalMoney);
        var date = Format(Date);
        Count(numFmts, ns + "numFmt");

        var borders = Required(root, ns + "borders");
        XElement Side(string name) => new(ns + name, new XAttribute("style", "thin"), new XElement(ns + "color", new XAttribute("indexed", 64)));
        borders.Add(new XElement(ns + "border", Side("left"), Side("right"), Side("top"), Side("bottom"), new XElement(ns + "diagonal")));
        var thin = Count(borders, ns + "border") - 1;

        var xfs = Required(root, ns + "cellXfs");
        int Xf(int format, int border)
        {
            xfs.Add(new XElement(ns + "xf",
                new XAttribute("numFmtId", format), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", border),
                new XAttribute("xfId", 0), format != 0 ? new XAttribute("applyNumberFormat", 1) : null,
                border != 0 ? new XAttribute("applyBorder", 1) : null));
            return Count(xfs, ns + "xf") - 1;
        }

        return new Dictionary<CellLook, int>
        {
            [CellLook.Bordered] = Xf(0, thin),
            [CellLook.BorderedMoney] = Xf(dataMoney, thin),
            [CellLook.BorderedDate] = Xf(date, thin),
            [CellLook.Total] = Xf(totalMoney, 0),
        };
    }

    private static XElement Required(XElement root, XName name) =>
        root.Element(name) ?? throw new Omslite.Sdk.Registry.RegionFormatException($"В стилях шаблона нет раздела {name.LocalName}");

    private static int Count(XElement list, XName item)
    {
        var count = list.Elements(item).Count();
        list.SetAttributeValue("count", count.ToString(CultureInfo.InvariantCulture));
        return count;
    }
}
