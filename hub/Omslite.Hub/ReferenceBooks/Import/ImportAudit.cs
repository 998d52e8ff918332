using Dapper;
using Npgsql;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>The audit row of an import (D10): who loaded which book, how many rows it had and has now.</summary>
internal static class ImportAudit
{
    public static Task WriteAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string actor, int? moId, string entity, string entityId,
        long? oldRows, long newRows, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            """
            insert into audit_log (actor, mo_id, entity, entity_id, operation, old_value, new_value)
            values (@actor, @moId, @entity, @entityId, 'import', @oldValue, @newValue)
            """,
            new { actor, moId, entity, entityId, oldValue = oldRows?.ToString(), newValue = newRows.ToString() },
            tx,
            cancellationToken: ct));
}
