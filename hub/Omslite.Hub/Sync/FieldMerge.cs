namespace Omslite.Hub.Sync;

/// <summary>Both sides of a field the MIS changed after a local correction.</summary>
public sealed record FieldConflict(string? Mis, string? Local);

/// <summary>
/// The rule that keeps local corrections (issue 5 §4): for each field the MIS sends —
/// unchanged in the MIS → the hub's value stays (corrected or not);
/// changed in the MIS and not corrected here → the MIS value is taken;
/// changed in the MIS and corrected here to something else → a conflict with both values, nothing overwritten.
/// </summary>
public static class FieldMerge
{
    /// <param name="mis">What the MIS sent last time.</param>
    /// <param name="current">The hub's values now.</param>
    /// <param name="incoming">What the MIS sends now.</param>
    /// <param name="applyChanges">False for a visit already sent: every MIS change becomes a conflict.</param>
    public static (Dictionary<string, string?> Patch, Dictionary<string, FieldConflict> Conflicts) Merge(
        IReadOnlyDictionary<string, string?> mis, IReadOnlyDictionary<string, string?> current, IReadOnlyDictionary<string, string?> incoming,
        bool applyChanges)
    {
        var patch = new Dictionary<string, string?>();
        var conflicts = new Dictionary<string, FieldConflict>();
        foreach (var (field, value) in incoming)
        {
            var previous = mis.GetValueOrDefault(field);
            var local = current.GetValueOrDefault(field);
            if (value == previous || value == local)
            {
                continue;
            }

            if (applyChanges && local == previous)
            {
                patch[field] = value;
            }
            else
            {
                conflicts[field] = new FieldConflict(value, local);
            }
        }

        return (patch, conflicts);
    }
}
