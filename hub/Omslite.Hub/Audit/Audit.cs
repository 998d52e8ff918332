using Dapper;
using Npgsql;

namespace Omslite.Hub.Audit;

/// <summary>One line of the audit log (D10): who, when (now), which entity and field, old → new.</summary>
public sealed record AuditEntry(
    string Actor, int? MoId, string Entity, string EntityId, string Operation, string? Field, string? OldValue, string? NewValue);

/// <summary>Writes audit lines inside the caller's transaction, so a change and its record commit together.</summary>
public static class Audit
{
    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AuditEntry entry, CancellationToken ct) =>
        WriteAsync(conn, tx, [entry], ct);

    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyCollection<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        // One statement for the lot (not one round trip per line): an import may audit thousands of changes.
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into audit_log (actor, mo_id, entity, entity_id, operation, field, old_value, new_value)
            select * from unnest(@actors, @moIds, @entities, @entityIds, @operations, @fields, @oldValues, @newValues)
            """,
            new
            {
                actors = entries.Select(e => e.Actor).ToArray(),
                moIds = entries.Select(e => e.MoId).ToArray(),
                entities = entries.Select(e => e.Entity).ToArray(),
                entityIds = entries.Select(e => e.EntityId).ToArray(),
                operations = entries.Select(e => e.Operation).ToArray(),
                fields = entries.Select(e => e.Field).ToArray(),
                oldValues = entries.Select(e => e.OldValue).ToArray(),
                newValues = entries.Select(e => e.NewValue).ToArray(),
            },
            tx, cancellationToken: ct));
    }
}
