using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Omslite.Hub.Sync;

/// <summary>
/// Writes the <c>mis_values</c> of new records (their non-null columns, as <see cref="ColumnValues.MisJson"/>) into one
/// buffer reused case after case: a first sync writes two of them for every case.
/// </summary>
/// <remarks>One per translating loop; not for two threads.</remarks>
public sealed class MisValuesWriter
{
    // Stored in jsonb, never written into a web page: Cyrillic unescaped keeps the text a third of the size.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public MisValuesWriter() => _json = new Utf8JsonWriter(_buffer, Options);

    /// <summary>
    /// The record's values as JSON text in UTF-8 (as PostgreSQL takes it; half the memory of a string while the batch
    /// waits for its merge), and a hash of them that changes exactly when they do (a patient's change marker).
    /// </summary>
    public (byte[] Json, string Hash) WriteHashed<T>(T record, IReadOnlyList<SyncColumn<T>> columns)
    {
        var json = Write(record, columns);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        return (json, Convert.ToHexString(hash[..16]));
    }

    /// <summary>The record's values (and the services, for a visit) as JSON text in UTF-8.</summary>
    public byte[] Write<T>(T record, IReadOnlyList<SyncColumn<T>> columns, string? services = null)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        foreach (var column in columns)
        {
            column.WriteJson(_json, record);
        }

        if (services is not null)
        {
            _json.WriteString(CaseMerger.ServicesField, services);
        }

        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
