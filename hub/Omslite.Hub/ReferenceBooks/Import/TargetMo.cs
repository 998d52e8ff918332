using Dapper;
using Npgsql;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>The MO an import of local books is for: the one named by its F003 code, or the only MO there is.</summary>
internal sealed record TargetMo(int Id, string Code)
{
    public static async Task<TargetMo> ResolveAsync(NpgsqlConnection conn, string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            code = code.Trim();
            if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            {
                throw new ArgumentException($"код МО «{code}» должен состоять из 6 цифр (код F003)");
            }

            return await conn.QuerySingleOrDefaultAsync<TargetMo>(new CommandDefinition(
                       "select id, code from mo where code = @code", new { code }, cancellationToken: ct))
                   ?? throw new InvalidOperationException($"МО с кодом {code} нет в рабочей базе");
        }

        var all = (await conn.QueryAsync<TargetMo>(new CommandDefinition(
            "select id, code from mo order by code limit 3", cancellationToken: ct))).ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw new InvalidOperationException(
                "в рабочей базе нет ни одной МО: создайте её (omslite demo или настройка Omslite:Mo:Code)"),
            _ => throw new InvalidOperationException(
                $"в рабочей базе несколько МО ({string.Join(", ", all.Select(m => m.Code))}{(all.Count > 2 ? ", ..." : "")}): укажите --mo КОД"),
        };
    }
}
