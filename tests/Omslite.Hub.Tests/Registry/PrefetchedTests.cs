using Omslite.Hub.Registry;

namespace Omslite.Hub.Tests.Registry;

/// <summary>Reading the registry's cases ahead of the format: same items, same order, same failures, and a consumer
/// that stops early gets its source closed before it goes on (the case reader's connection is used right after).</summary>
public class PrefetchedTests
{
    [Fact]
    public async Task Every_item_comes_in_order()
    {
        var read = new List<int>();
        await foreach (var item in Numbers(1000, new SourceState()).ReadAhead(16))
        {
            read.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 1000), read);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_finds_the_source_closed_and_not_read_to_its_end()
    {
        var state = new SourceState();
        await foreach (var item in Numbers(100_000, state).ReadAhead(16))
        {
            if (item == 10)
            {
                break;
            }
        }

        Assert.True(state.Closed);
        Assert.True(state.Produced < 100_000);
    }

    [Fact]
    public async Task A_failure_of_the_source_reaches_the_consumer_with_its_type()
    {
        var state = new SourceState { FailAt = 50 };
        var read = 0;
        var failure = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in Numbers(1000, state).ReadAhead(16))
            {
                read++;
            }
        });

        Assert.Equal("row 50", failure.Message);
        Assert.Equal(50, read);
        Assert.True(state.Closed);
    }

    private sealed class SourceState
    {
        public int FailAt { get; init; } = -1;

        public int Produced { get; set; }

        public bool Closed { get; set; }
    }

    private static async IAsyncEnumerable<int> Numbers(int count, SourceState state)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (i == state.FailAt)
                {
                    throw new InvalidDataException($"row {i}");
                }

                state.Produced++;
                await Task.Yield();
                yield return i;
            }
        }
        finally
        {
            state.Closed = true;
        }
    }
}
