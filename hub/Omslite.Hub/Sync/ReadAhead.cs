using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Omslite.Hub.Sync;

/// <summary>
/// Pulls a connector's batches on a task of their own, a batch ahead of the merge, so that reading the MIS and writing
/// the working database overlap (each has a core of its own on a small server) instead of taking turns.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// The same batches in the same order; at most <paramref name="ahead"/> wait while one is merged. A failure of the
    /// source surfaces after the batches read before it; leaving the loop early stops the source.
    /// </summary>
    /// <param name="reading">Runs while the source works on a batch (not while it waits for the merge).</param>
    public static async IAsyncEnumerable<T> ReadAheadAsync<T>(
        this IAsyncEnumerable<T> source, int ahead, Stopwatch reading, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(source, channel.Writer, reading, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }

            await producer; // the source's own failure, if any
        }
        finally
        {
            await stop.CancelAsync();

            // Already surfaced above, or caused by the stop: the consumer's own exception (if any) is the one to keep.
            await Task.WhenAny(producer);
        }
    }

    private static async Task ProduceAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, Stopwatch reading, CancellationToken ct)
    {
        try
        {
            await using var batches = source.GetAsyncEnumerator(ct);
            while (true)
            {
                reading.Start();
                bool more;
                try
                {
                    more = await batches.MoveNextAsync();
                }
                finally
                {
                    reading.Stop();
                }

                if (!more)
                {
                    return;
                }

                await writer.WriteAsync(batches.Current, ct);
            }
        }
        finally
        {
            writer.Complete();
        }
    }
}
