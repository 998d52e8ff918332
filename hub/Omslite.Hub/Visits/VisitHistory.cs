using Dapper;
using Npgsql;

namespace Omslite.Hub.Visits;

public sealed record HistoryEntry(DateTime At, string Actor, string Operation, string? Field, string? OldValue, string? NewValue);

/// <summary>The change history of one visit (its audit lines, services included), newest first.</summary>
public sealed class VisitHistory(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<HistoryEntry>> ListAsync(int moId, long visitId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<HistoryEntry>(new CommandDefinition(
            """
            select at, actor, operation, field, old_value, new_value from audit_log
            where mo_id = @moId and entity = 'visit' and entity_id = @id
            order by at desc, id desc limit 500
            """,
            new { moId, id = visitId.ToString() }, cancellationToken: ct))).ToList();
    }
}
