using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// How far an incremental pull got: a keyset position, the (<c>change_stamp</c>, <c>case_key</c>) of the last case
/// delivered. <c>cases.sql</c> returns the rows after it in its own order (<c>change_stamp &gt; @wm_stamp OR
/// (change_stamp = @wm_stamp AND case_key &gt; @wm_key)</c>, <c>ORDER BY change_stamp, case_key</c>), so a batch may end
/// inside a group of equal stamps and the watermark stays a few bytes however large that group is.
/// </summary>
/// <remarks>
/// Serialised as <c>{"v":2,"s":123,"k":"17","t":"i"}</c> (<c>t</c>: how the key is bound — <c>i</c> integer,
/// <c>s</c> text, <c>g</c> uuid); opaque to the hub. A watermark of the first format (<c>{"v":1,"s":…,"k":[…]}</c>: the
/// stamp and every key delivered with it) is still read: the pull asks again for every row of that stamp and skips
/// the listed keys, and its first batch stores the new format.
/// </remarks>
internal sealed record Watermark(long Stamp, WatermarkKey? Key, IReadOnlySet<string> DeliveredAtStamp)
{
    /// <summary>Before the first pull: covers nothing.</summary>
    public static Watermark Start { get; } = new(long.MinValue, null, new HashSet<string>());

    /// <summary>The <c>@wm_stamp</c> to bind: without a key, one less, so that every row of <see cref="Stamp"/> comes.</summary>
    public long QueryStamp => Key is null && Stamp != long.MinValue ? Stamp - 1 : Stamp;

    /// <summary>The <c>@wm_key</c> to bind (NULL before the first pull and after a first-format watermark).</summary>
    public object? QueryKey => Key?.Value;

    /// <summary>
    /// Whether a row was delivered already. Rows of a mapping that ignores <c>@wm_key</c> come again at the watermark's
    /// stamp: integer keys are compared here (the database orders them the same way); text keys are left to the
    /// database's collation, and a repeated case is only a case the hub finds unchanged.
    /// </summary>
    public bool Covers(long stamp, object rawKey, string key)
    {
        if (stamp != Stamp)
        {
            return stamp < Stamp;
        }

        return DeliveredAtStamp.Contains(key)
               || (Key is { Kind: WatermarkKey.IntegerKind, Value: long last } && WatermarkKey.From(rawKey, key) is { Kind: WatermarkKey.IntegerKind, Value: long k } && k <= last);
    }

    public static Watermark Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Start;
        }

        try
        {
            var dto = JsonSerializer.Deserialize(text, WatermarkJson.Default.WatermarkDto) ?? throw new JsonException("empty");
            return dto.V switch
            {
                1 => new Watermark(dto.S, null, new HashSet<string>(dto.K.Deserialize(WatermarkJson.Default.StringArray) ?? [], StringComparer.Ordinal)),
                2 => new Watermark(dto.S, WatermarkKey.Parse(dto.K.Deserialize(WatermarkJson.Default.String), dto.T), new HashSet<string>()),
                _ => throw new JsonException($"version {dto.V}"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or InvalidOperationException)
        {
            throw new SqlMappingException(
                $"Водяной знак источника «{text}» не распознан ({ex.Message}); сбросьте его, чтобы загрузить всё заново.", ex);
        }
    }

    public override string ToString() =>
        JsonSerializer.Serialize(
            new WatermarkDto(2, Stamp, JsonSerializer.SerializeToElement(Key?.Text, WatermarkJson.Default.String), Key?.Kind),
            WatermarkJson.Default.WatermarkDto);
}

/// <summary>The key part of a watermark: its text and how to bind it so the database compares it like its column.</summary>
internal sealed record WatermarkKey(string Text, string Kind, object Value)
{
    public const string IntegerKind = "i";
    public const string TextKind = "s";
    public const string UuidKind = "g";

    /// <summary>The key of a row as <c>cases.sql</c> returned it.</summary>
    public static WatermarkKey From(object rawKey, string key) => rawKey switch
    {
        long or int or short or byte or sbyte or ushort or uint or ulong or decimal => new WatermarkKey(key, IntegerKind, long.Parse(key, CultureInfo.InvariantCulture)),
        Guid g => new WatermarkKey(key, UuidKind, g),
        _ => new WatermarkKey(key, TextKind, key),
    };

    public static WatermarkKey? Parse(string? text, string? kind) => text is null
        ? null
        : kind switch
        {
            IntegerKind => new WatermarkKey(text, IntegerKind, long.Parse(text, CultureInfo.InvariantCulture)),
            UuidKind => new WatermarkKey(text, UuidKind, Guid.Parse(text)),
            TextKind or null => new WatermarkKey(text, TextKind, text),
            _ => throw new FormatException($"key kind {kind}"),
        };
}

/// <summary>The watermark of a running pull, advanced row by row (rows come in keyset order).</summary>
internal sealed class WatermarkTracker(Watermark start)
{
    private (long Stamp, object RawKey, string Key)? _last;

    /// <summary>One more row delivered (or passed over on purpose).</summary>
    public void Add(long stamp, object rawKey, string key) => _last = (stamp, rawKey, key);

    /// <summary>The watermark covering every row added so far, serialised.</summary>
    public string Snapshot() => (_last is { } last
        ? new Watermark(last.Stamp, WatermarkKey.From(last.RawKey, last.Key), Watermark.Start.DeliveredAtStamp)
        : start).ToString();
}

internal sealed record WatermarkDto(
    [property: JsonPropertyName("v")] int V,
    [property: JsonPropertyName("s")] long S,
    [property: JsonPropertyName("k")] JsonElement K,
    [property: JsonPropertyName("t")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? T);

[JsonSerializable(typeof(WatermarkDto))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class WatermarkJson : JsonSerializerContext;
