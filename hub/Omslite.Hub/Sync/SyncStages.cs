using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>A batch whose patients are merged and committed: ready for its visits.</summary>
/// <param name="Patients">The id of each patient key taken; a key missing from it was refused.</param>
public sealed record PatientsMerged(TranslatedBatch Batch, IReadOnlyDictionary<string, long> Patients);

/// <summary>
/// The stages a run's batches go through before their visits are merged, each on a task of its own (see
/// <see cref="ReadAhead"/>): reading the MIS and translating, then merging the patients on a connection of their own —
/// so that while batch N's visits go into the database, batch N+1's patients do too, and batch N+2 is read.
/// </summary>
/// <remarks>
/// A batch's patients commit before its visits. Should the run stop in between, the patients are there without their
/// visits until the next run brings the batch again (its watermark was not committed) and finds them unchanged; each
/// visit still commits whole with its services and audit lines.
/// </remarks>
public static class SyncStages
{
    /// <summary>The pulled batches, translated as they come.</summary>
    public static async IAsyncEnumerable<TranslatedBatch> TranslateAsync(
        IAsyncEnumerable<SourceBatch> pull, TranslationBooks books, Stopwatch translating, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in pull.WithCancellation(ct))
        {
            translating.Start();
            var translated = CaseTranslator.Translate(batch, books);
            translating.Stop();
            yield return translated;
        }
    }

    /// <summary>The translated batches with their patients merged, one transaction each on <paramref name="conn"/>.</summary>
    public static async IAsyncEnumerable<PatientsMerged> MergePatientsAsync(
        IAsyncEnumerable<TranslatedBatch> batches, NpgsqlConnection conn, SourceRecord source, string actor, PhaseTimes times,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var batch in batches.WithCancellation(ct))
        {
            Dictionary<string, long> patients;
            using (times.Measure("patients"))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await WithoutWaitingForTheDiskAsync(conn, tx, ct);
                patients = await new PatientMerger(conn, tx, source.MoId, source.Id, actor, times).MergeAsync(batch, ct);
                await tx.CommitAsync(ct);
            }

            yield return new PatientsMerged(batch, patients);
        }
    }

    /// <summary>
    /// A batch's commit need not wait for the disk: were the server to crash before writing it, the batch would be
    /// lost together with its watermark and the next run would bring its cases again (they are keyed); the run's own
    /// final record, committed normally, flushes every batch before it.
    /// </summary>
    public static Task WithoutWaitingForTheDiskAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("set local synchronous_commit = off", transaction: tx, cancellationToken: ct));
}
