namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>
/// How a table is edited, as data: the table, its key, the fields an admin may set, the rules a row must keep, and
/// the audit entity. The rows an edit may touch are those of <see cref="Scope"/> (column = SQL value; by default
/// the caller's MO), which a new row also gets.
/// </summary>
public sealed record BookEditing(string Table, string KeyColumn, IReadOnlyList<EditableField> Fields)
{
    /// <summary>The audit log's entity name: the table's.</summary>
    public string Entity => Table;

    public static readonly IReadOnlyDictionary<string, string> CallersMo = new Dictionary<string, string> { ["mo_id"] = "@mo" };

    public IReadOnlyDictionary<string, string> Scope { get; init; } = CallersMo;

    public bool CanCreate { get; init; } = true;

    /// <summary>Delete sets the <c>deleted</c> flag, and deleted rows are out of reach (ui.md §1.3(d)).</summary>
    public bool SoftDelete { get; init; }

    /// <summary>The table has a <c>version</c> column: updates and deletes are refused when it moved on.</summary>
    public bool Versioned { get; init; }

    /// <summary>The SQL of the audit's entity id when the key alone does not name the row.</summary>
    public string? AuditId { get; init; }

    /// <summary>An extra assignment of every update, e.g. <c>updated_at = now()</c>.</summary>
    public string? Touch { get; init; }

    public IReadOnlyList<RecordRule> Rules { get; init; } = [];

    public string ScopeSql => Scope.Count == 0 ? "true" : string.Join(" and ", Scope.Select(s => $"{s.Key} = {s.Value}"));
}
