using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using C = Omslite.MisConnectors.SqlMapping.CanonicalColumns;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// The change marker of a mapping without <c>change_marker</c>: a hash of everything the hub keeps of the case, which
/// changes exactly when the content changes. One per pull, its buffers reused case after case (a first pull hashes
/// every case of the MIS).
/// </summary>
internal sealed class ContentHasher
{
    private static readonly int[] CaseSkipped = [C.ChangeStamp.Index, C.ChangeMarker.Index];

    private readonly StringBuilder _text = new(1024);
    private char[] _chars = new char[1024];
    private byte[] _bytes = new byte[4096];

    public string Hash(bool cancelled, object?[] values, IReadOnlyList<ServiceRow> services)
    {
        _text.Clear();
        _text.Append(cancelled ? 'C' : 'A');
        Append(values, CaseSkipped);
        foreach (var service in services)
        {
            _text.Append('\u001e');
            Append(service.Values, []);
        }

        if (_chars.Length < _text.Length)
        {
            _chars = new char[_text.Length * 2];
        }

        _text.CopyTo(0, _chars, _text.Length);
        var chars = _chars.AsSpan(0, _text.Length);
        if (_bytes.Length < Encoding.UTF8.GetMaxByteCount(chars.Length))
        {
            _bytes = new byte[Encoding.UTF8.GetMaxByteCount(chars.Length)];
        }

        var length = Encoding.UTF8.GetBytes(chars, _bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_bytes.AsSpan(0, length), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private void Append(object?[] values, int[] skip)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (skip.Contains(i))
            {
                continue;
            }

            _text.Append('\u001f');
            switch (values[i])
            {
                case null:
                    _text.Append('\u0000');
                    break;
                case DateOnly d:
                    _text.Append(d.DayNumber);
                    break;
                case IFormattable f:
                    _text.Append(CultureInfo.InvariantCulture, $"{f}");
                    break;
                case var other:
                    _text.Append(other);
                    break;
            }
        }
    }
}
