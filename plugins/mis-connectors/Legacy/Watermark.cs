using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omslite.MisConnectors.Legacy;

/// <summary>A visit's place in the order of changes: its change stamp, then (year, number).</summary>
internal readonly record struct ChangePosition(DateTime Stamp, int Yy, int TalNum);

/// <summary>A visit's place among the visits of all years: (year, number).</summary>
internal readonly record struct VisitPosition(int Yy, int TalNum);

/// <summary>
/// How far an incremental pull has come. Opaque to the hub; stored as JSON, e.g.
/// <c>{"v":1,"s":"2026-03-01T10:00:00.123456","y":26,"t":17,"p":{"25":120,"26":40}}</c>.
/// </summary>
/// <param name="Changes">The last visit delivered in change-stamp order (null: none yet, the first pull).</param>
/// <param name="Services">Per 2-digit year: every service row with an id up to this one has been delivered with its
/// visit.</param>
/// <param name="ServiceScan">While new service rows are being delivered: the last visit delivered and the ids the
/// scan goes up to; null otherwise.</param>
/// <param name="FirstPull">Within the first pull (a batch's watermark before its end): it goes on as the first pull,
/// OMS visits only.</param>
internal sealed record Watermark(
    ChangePosition? Changes,
    IReadOnlyDictionary<int, long> Services,
    Watermark.NewServicesScan? ServiceScan,
    bool FirstPull = false)
{
    private const string StampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";

    public static Watermark Start { get; } = new(null, new Dictionary<int, long>(), null, FirstPull: true);

    /// <summary>The service-row ids covered for a year (0: none).</summary>
    public long ServicesOf(int yy) => Services.GetValueOrDefault(yy);

    /// <summary>Parses a watermark this connector wrote; anything else (null, another format) means from the start.</summary>
    public static Watermark Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Start;
        }

        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(text);
            if (dto is not { V: 1 })
            {
                return Start;
            }

            ChangePosition? changes = dto.S is null
                ? null
                : new ChangePosition(
                    DateTime.ParseExact(dto.S, StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None), dto.Y, dto.T);
            var scan = dto.Q is null ? null : new NewServicesScan(new VisitPosition(dto.Q.Y, dto.Q.T), Years(dto.Q.N));
            return new Watermark(changes, Years(dto.P), scan, dto.F || changes is null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            return Start;
        }
    }

    public override string ToString()
    {
        var dto = new Dto
        {
            V = 1,
            S = Changes?.Stamp.ToString(StampFormat, CultureInfo.InvariantCulture),
            Y = Changes?.Yy ?? 0,
            T = Changes?.TalNum ?? 0,
            P = Keys(Services),
            Q = ServiceScan is { } q ? new ScanDto { Y = q.Last.Yy, T = q.Last.TalNum, N = Keys(q.Target) } : null,
            F = FirstPull && Changes is not null,
        };
        return JsonSerializer.Serialize(dto);
    }

    private static Dictionary<int, long> Years(IDictionary<string, long>? byKey) =>
        (byKey ?? new Dictionary<string, long>()).ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value);

    private static SortedDictionary<string, long> Keys(IReadOnlyDictionary<int, long> byYear) =>
        new(byYear.ToDictionary(kv => kv.Key.ToString("00", CultureInfo.InvariantCulture), kv => kv.Value), StringComparer.Ordinal);

    /// <summary>New service rows of visits delivered earlier: the last visit delivered and the ids scanned up to.</summary>
    internal sealed record NewServicesScan(VisitPosition Last, IReadOnlyDictionary<int, long> Target);

    private sealed class Dto
    {
        [JsonPropertyName("v")] public int V { get; set; }
        [JsonPropertyName("s")] public string? S { get; set; }
        [JsonPropertyName("y")] public int Y { get; set; }
        [JsonPropertyName("t")] public int T { get; set; }
        [JsonPropertyName("p")] public IDictionary<string, long>? P { get; set; }
        [JsonPropertyName("q")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScanDto? Q { get; set; }
        [JsonPropertyName("f")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool F { get; set; }
    }

    private sealed class ScanDto
    {
        [JsonPropertyName("y")] public int Y { get; set; }
        [JsonPropertyName("t")] public int T { get; set; }
        [JsonPropertyName("n")] public IDictionary<string, long>? N { get; set; }
    }
}
