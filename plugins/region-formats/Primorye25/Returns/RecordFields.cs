using System.Globalization;
using System.Xml;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// The simple child fields of one element, by name (the first of each name counts; one holding elements reads
/// as null); a value of the wrong type fails with the record's line. USL children go to the service totals.
/// </summary>
internal sealed class RecordFields(string file, ServiceTotals? services = null, bool keep = true)
{
    private readonly Dictionary<string, TextSlice?> _values = new(StringComparer.Ordinal);
    private readonly TextBuffer _texts = new();
    private int _line;

    public void Clear(int line)
    {
        _values.Clear();
        _texts.Clear();
        _line = line;
    }

    /// <summary>Reads the children of the element the reader is on (of the record starting on
    /// <paramref name="line"/>), and moves past it.</summary>
    public void ReadChildren(XmlReader reader, int line)
    {
        Clear(line);
        if (!XmlRecord.Enter(reader, out var depth))
        {
            return;
        }

        while (XmlRecord.NextChild(reader, depth))
        {
            ReadChild(reader);
        }
    }

    /// <summary>Reads the child element the reader is on, and moves past it.</summary>
    public void ReadChild(XmlReader reader)
    {
        var name = reader.LocalName;
        if (name == "USL" && services is not null)
        {
            services.Read(reader);
        }
        else if (!keep || _values.ContainsKey(name))
        {
            reader.Skip();
        }
        else
        {
            _values[name] = _texts.Read(reader);
        }
    }

    public string? Text(string name) => Slice(name) is { } slice ? _texts.Text(slice) : null;

    /// <summary>A text that repeats over the file (a diagnosis, a first name), as its one shared instance.</summary>
    public string? Shared(string name, TextPool pool) => Slice(name) is { } slice ? pool.Share(_texts[slice]) : null;

    public int? Int(string name) => Slice(name) is not { } slice
        ? null
        : int.TryParse(_texts[slice], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Wrong(name, slice, "целое число");

    public decimal? Decimal(string name) => Slice(name) is not { } slice
        ? null
        : decimal.TryParse(_texts[slice], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Wrong(name, slice, "сумма");

    public DateOnly? Date(string name) => Slice(name) is not { } slice
        ? null
        : IsoDate.TryParse(_texts[slice], out var value)
            ? value
            : throw Wrong(name, slice, "дата ГГГГ-ММ-ДД");

    private TextSlice? Slice(string name) => _values.GetValueOrDefault(name);

    private RegionFormatException Wrong(string name, TextSlice slice, string expected) =>
        new($"Файл {file}, строка {_line}: {name} «{_texts.Text(slice)}» — ожидается {expected}");
}
