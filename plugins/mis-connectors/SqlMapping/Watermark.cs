using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// How far an incremental pull got: the largest <c>change_stamp</c> delivered and the keys of the cases delivered
/// with exactly that stamp. The next pull asks for <c>change_stamp &gt;= Stamp</c> and skips those keys, so cases
/// that share a stamp are neither lost nor delivered twice when a batch ends between them.
/// </summary>
/// <remarks>Serialised as <c>{"v":1,"s":123,"k":["17","18"]}</c>; opaque to the hub.</remarks>
internal sealed record Watermark(long Stamp, IReadOnlySet<string> KeysAtStamp)
{
    /// <summary>Before the first pull: every stamp is at or above it.</summary>
    public static Watermark Start { get; } = new(long.MinValue, new HashSet<string>());

    /// <summary>Whether a row with this stamp and key was delivered already.</summary>
    public bool Covers(long stamp, string key) => stamp < Stamp || (stamp == Stamp && KeysAtStamp.Contains(key));

    public static Watermark Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Start;
        }

        try
        {
            var dto = JsonSerializer.Deserialize(text, WatermarkJson.Default.WatermarkDto)
                      ?? throw new JsonException("empty");
            if (dto.V != 1)
            {
                throw new JsonException($"version {dto.V}");
            }

            return new Watermark(dto.S, new HashSet<string>(dto.K ?? [], StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            throw new SqlMappingException(
                $"Водяной знак источника «{text}» не распознан ({ex.Message}); сбросьте его, чтобы загрузить всё заново.", ex);
        }
    }

    public override string ToString() =>
        JsonSerializer.Serialize(new WatermarkDto(1, Stamp, KeysAtStamp.Order(StringComparer.Ordinal).ToArray()), WatermarkJson.Default.WatermarkDto);
}

/// <summary>The watermark of a running pull, advanced row by row (rows come in stamp order).</summary>
internal sealed class WatermarkTracker(Watermark start)
{
    private readonly HashSet<string> _keys = new(start.KeysAtStamp, StringComparer.Ordinal);
    private long _stamp = start.Stamp;

    /// <summary>One more row delivered (or passed over on purpose).</summary>
    public void Add(long stamp, string key)
    {
        if (stamp != _stamp)
        {
            _stamp = stamp;
            _keys.Clear();
        }

        _keys.Add(key);
    }

    /// <summary>The watermark covering every row added so far, serialised.</summary>
    public string Snapshot() => new Watermark(_stamp, _keys).ToString();
}

internal sealed record WatermarkDto(
    [property: JsonPropertyName("v")] int V,
    [property: JsonPropertyName("s")] long S,
    [property: JsonPropertyName("k")] string[]? K);

[JsonSerializable(typeof(WatermarkDto))]
internal sealed partial class WatermarkJson : JsonSerializerContext;
