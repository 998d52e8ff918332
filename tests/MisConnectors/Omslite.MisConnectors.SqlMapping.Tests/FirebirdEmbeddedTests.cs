using FirebirdSql.Data.FirebirdClient;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.MisConnectors.SqlFirebird;
using Omslite.MisConnectors.SqlMapping.Sample;
using Omslite.MisConnectors.SqlMapping.Tests.Infrastructure;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping.Tests;

/// <summary>
/// The embedded engine in a long-lived process: it opens the database file in this process only, and a process this
/// one starts meanwhile must not keep the file from the next syncs (README, "Firebird specifics").
/// </summary>
public sealed class FirebirdEmbeddedTests
{
    private static readonly ReportPeriod Month = new(2025, 3);
    private readonly FirebirdConnector _connector = new();

    [Fact]
    public async Task A_process_started_during_a_pull_does_not_keep_the_database_from_the_next_syncs()
    {
        var (source, plan) = await SampleAsync();
        ChildProcess? child = null;
        try
        {
            var first = new List<SourceBatch>();
            await foreach (var batch in _connector.PullAsync(new PullRequest(source, null, null, null, BatchSize: 5), default))
            {
                first.Add(batch);
                child ??= ChildProcess.Start("sleep", "600"); // started while the pull holds the file open
            }

            Assert.True(first.Count > 1);
            var again = await PullAsync(new PullRequest(source, first[^1].Watermark, null, null));
            var month = await PullAsync(new PullRequest(source, null, Month, Month));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var check = await _connector.CheckAsync(source, default);

            Assert.Empty(again.SelectMany(b => b.Cases));
            Assert.Equal(plan.CompletedVisits, month.SelectMany(b => b.Cases).Count(c => c.State == CaseState.Completed));
            Assert.True(check.Ok, check.Message);
            Assert.DoesNotContain(DatabaseFile(source), child!.OpenFiles());
        }
        finally
        {
            child?.Dispose();
        }
    }

    [Fact]
    public async Task A_process_that_took_the_file_before_the_connector_marked_it_does_not_break_later_syncs()
    {
        var (source, plan) = await SampleAsync();
        // As a child started between the engine opening the file and the connector marking it: the file is opened past
        // the connector, the child started, and the connector attaches (a check) before that first connection closes.
        await using var unmarked = new FbConnection(source.ConnectionString);
        await unmarked.OpenAsync();
        using var child = ChildProcess.Start("sleep", "600");
        var check = await _connector.CheckAsync(source, default);
        await unmarked.CloseAsync();

        var first = await PullAsync(new PullRequest(source, null, null, null));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var again = await PullAsync(new PullRequest(source, first[^1].Watermark, null, null));
        var month = await PullAsync(new PullRequest(source, null, Month, Month));

        Assert.True(check.Ok, check.Message);
        Assert.Equal(plan.CompletedVisits, first.SelectMany(b => b.Cases).Count());
        Assert.Empty(again.SelectMany(b => b.Cases));
        Assert.Equal(plan.CompletedVisits, month.SelectMany(b => b.Cases).Count(c => c.State == CaseState.Completed));
        Assert.Contains(DatabaseFile(source), child.OpenFiles());
    }

    [Fact]
    public async Task A_database_another_process_holds_is_reported_with_that_process()
    {
        var (source, _) = await SampleAsync();
        using var holder = ChildProcess.Start("flock", "--exclusive", "--no-fork", DatabaseFile(source), "sleep", "600");
        await holder.WaitUntilRunningAsync("sleep");

        var check = await _connector.CheckAsync(source, default);

        Assert.False(check.Ok);
        Assert.Contains($"открыт другим процессом (sleep, PID {holder.Id})", check.Message);
    }

    private async Task<(SourceConnection Source, SampleClinicPlan Plan)> SampleAsync()
    {
        var request = new SampleSourceRequest(TempDirs.Create("fb"), "250999", Month, 40, WithNoise: true);
        return (await _connector.BuildSampleAsync(request, default), new SampleClinicPlan(request));
    }

    private async Task<List<SourceBatch>> PullAsync(PullRequest request)
    {
        var batches = new List<SourceBatch>();
        await foreach (var batch in _connector.PullAsync(request, default))
        {
            batches.Add(batch);
        }

        return batches;
    }

    private static string DatabaseFile(SourceConnection source) => new FbConnectionStringBuilder(source.ConnectionString).Database;
}
