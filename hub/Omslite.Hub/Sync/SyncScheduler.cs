using Coravel.Invocable;
using Dapper;
using Npgsql;

namespace Omslite.Hub.Sync;

/// <summary>
/// Coravel runs this every minute: each enabled source whose schedule is due this minute gets a run. The run claims
/// its schedule slot in <c>sync_run</c>, so with several hubs a slot runs exactly once.
/// </summary>
public sealed class SyncScheduler(NpgsqlDataSource database, SyncRunner runner, TimeProvider clock, ILogger<SyncScheduler> log) : IInvocable
{
    public async Task Invoke()
    {
        var now = clock.GetLocalNow().DateTime;
        var slot = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Local);
        await using var conn = await database.OpenConnectionAsync();
        var sources = await conn.QueryAsync<(int Id, string Name, string Schedule)>(
            "select id, name, schedule from mis_source where enabled and schedule is not null");
        foreach (var (id, name, schedule) in sources)
        {
            CronSchedule cron;
            try
            {
                cron = CronSchedule.Parse(schedule);
            }
            catch (FormatException ex)
            {
                log.LogWarning("Source {Source} has a bad schedule: {Error}", name, ex.Message);
                continue;
            }

            if (cron.IsDue(slot))
            {
                runner.TryStart(new SyncRequest(id, "schedule", "schedule", ScheduledFor: slot.ToUniversalTime()), out _);
            }
        }
    }
}
