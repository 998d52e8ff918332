using Coravel.Invocable;

namespace Omslite.Hub.Scheduling;

/// <summary>
/// A job the scheduler runs every second so that /health can tell a running scheduler from a stalled one.
/// </summary>
public sealed class SchedulerHeartbeat(SchedulerState state, TimeProvider clock) : IInvocable
{
    public Task Invoke()
    {
        state.LastTick = clock.GetUtcNow();
        return Task.CompletedTask;
    }
}

/// <summary>What the scheduler last did; read by /health.</summary>
public sealed class SchedulerState
{
    private long _lastTickTicks;

    public DateTimeOffset? LastTick
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastTickTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        set => Interlocked.Exchange(ref _lastTickTicks, value?.UtcTicks ?? 0);
    }

    public bool IsRunning(DateTimeOffset now) => LastTick is { } tick && now - tick < TimeSpan.FromSeconds(10);
}
