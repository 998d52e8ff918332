using Dapper;
using Npgsql;

namespace Omslite.Hub.Visits;

public sealed record HistoryEntry(DateTime At, string Actor, string Operation, string? Field, string? OldValue, string? NewValue);

/// <summary>The change history of one visit, newest first: its own audit lines (services included) and the lines of the
/// bulk transitions that changed it (a pack marked sent, an FLK reopening, a sync's creation), linked by
/// <c>audit_visit</c> (<see cref="Audit.BulkAudit"/>).</summary>
public sealed class VisitHistory(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<HistoryEntry>> ListAsync(int moId, long visitId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<HistoryEntry>(new CommandDefinition(
            """
            select at, actor, operation, field, old_value, new_value from (
                select id, at, actor, operation, field, old_value, new_value from audit_log
                where mo_id = @moId and entity = 'visit' and entity_id = @id::text
                union all
                select a.id, a.at, a.actor, a.operation, a.field, a.old_value, a.new_value
                from audit_visit l join audit_log a on a.id = l.audit_id
                where l.visit_id = @id and a.mo_id = @moId) h
            order by at desc, id desc limit 500
            """,
            new { moId, id = visitId }, cancellationToken: ct))).ToList();
    }
}
