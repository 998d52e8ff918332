using System.Globalization;
using Npgsql;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy;

/// <summary>
/// The <c>omslite-legacy</c> connector: reads the original system's PostgreSQL database (cards, the per-year visit
/// and service tables, and the local books that translate their codes). Read-only; keeps no per-source state.
/// See README.md beside this file for every table and field.
/// </summary>
public sealed class LegacyConnector : IMisConnector, IReferenceBookSource
{
    /// <inheritdoc />
    public string Id => "omslite-legacy";

    /// <inheritdoc />
    public string Name => "Omslite (исходная система), PostgreSQL";

    /// <inheritdoc />
    public string Engine => "postgresql";

    /// <inheritdoc />
    public async Task<ConnectionCheck> CheckAsync(SourceConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await LegacyDatabase.OpenAsync(connection, cancellationToken);
            return await CasePuller.Guard(db, () => CheckOpenAsync(db, connection, cancellationToken));
        }
        catch (LegacySourceException ex)
        {
            return ConnectionCheck.Failure(ex.Message);
        }
    }

    private static async Task<ConnectionCheck> CheckOpenAsync(NpgsqlConnection db, SourceConnection connection, CancellationToken ct)
    {
        var schema = await LegacySchema.LoadAsync(db, LegacyDatabase.SchemaName(connection), ct);
        if (schema.Problems.Count > 0)
        {
            return ConnectionCheck.Failure(schema.Message(db.Database), [.. schema.Problems]);
        }

        var count = string.Join(" + ", schema.Years.Select(y =>
            $"(select count(*) from {schema.Table(y.Visits)} where ist_fin = 1 and talon_type > 0)"));
        await using var cmd = new NpgsqlCommand($"select {count}", db);
        var visits = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var years = string.Join(", ", schema.Years.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)));
        var russian = CultureInfo.GetCultureInfo("ru-RU");
        return ConnectionCheck.Success(
            $"Подключение установлено: база исходной системы «{db.Database}», визиты за {years} год{(schema.Years.Count == 1 ? "" : "ы")}, визитов ОМС: {visits.ToString("N0", russian)}.");
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SourceBatch> PullAsync(PullRequest request, CancellationToken cancellationToken) =>
        CasePuller.PullAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<SourceReferenceBooks> ReadReferenceBooksAsync(SourceConnection connection, CancellationToken cancellationToken) =>
        ReferenceBookReader.ReadAsync(connection, cancellationToken);
}
