using System.Text.Json;

namespace Omslite.Hub.Audit;

/// <summary>The fields that differ between two versions of a record, as audit lines.</summary>
public static class ChangeSet
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// One audit line per changed public property (named as the API names it); a null <paramref name="before"/>
    /// means a creation and lists every non-empty field.
    /// </summary>
    public static IReadOnlyList<AuditEntry> Diff<T>(T? before, T after, string actor, int? moId, string entity, string entityId, string operation)
        where T : class
    {
        var old = before is null ? [] : Flatten(before);
        var entries = new List<AuditEntry>();
        foreach (var (field, value) in Flatten(after))
        {
            var previous = old.GetValueOrDefault(field);
            if (previous != value && !(before is null && value is null))
            {
                entries.Add(new AuditEntry(actor, moId, entity, entityId, operation, field, previous, value));
            }
        }

        return entries;
    }

    private static Dictionary<string, string?> Flatten<T>(T record) =>
        JsonSerializer.SerializeToElement(record, Json).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => p.Value.GetRawText(),
                _ => p.Value.GetRawText(),
            });
}
