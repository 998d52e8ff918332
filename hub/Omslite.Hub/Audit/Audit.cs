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

        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into audit_log (actor, mo_id, entity, entity_id, operation, field, old_value, new_value)
            values (@Actor, @MoId, @Entity, @EntityId, @Operation, @Field, @OldValue, @NewValue)
            """,
            entries, tx, cancellationToken: ct));
    }

    /// <summary>
    /// The same change of one field on many records of an entity (e.g. a pack marking its visits sent), written as one
    /// set-based statement.
    /// </summary>
    public static async Task WriteForEachAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, AuditEntry template, IReadOnlyCollection<long> entityIds, CancellationToken ct)
    {
        if (entityIds.Count == 0)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into audit_log (actor, mo_id, entity, entity_id, operation, field, old_value, new_value)
            select @Actor, @MoId, @Entity, id::text, @Operation, @Field, @OldValue, @NewValue from unnest(@ids) as id
            """,
            new { template.Actor, template.MoId, template.Entity, template.Operation, template.Field, template.OldValue, template.NewValue, ids = entityIds.ToArray() },
            tx, cancellationToken: ct));
    }
}
