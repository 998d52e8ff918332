using Omslite.RegionFormats.Primorye25.Registers.Xlsx;

namespace Omslite.RegionFormats.Primorye25.Returns.Tests;

/// <summary>
/// The register's sheet is compressed on another core while it is formatted (<see cref="HandOffStream"/>): whatever
/// the timing, every byte gets to the workbook, in order; a failing target is reported to the writer, and a failing
/// writer's own failure is the one reported.
/// </summary>
public class HandOffStreamTests
{
    [Fact]
    public void What_is_handed_off_reaches_the_target_whole_and_in_order()
    {
        var bytes = new byte[(5 << 18) + 777];
        new Random(11).NextBytes(bytes);
        var target = new MemoryStream();

        using (var handOff = new HandOffStream(target))
        {
            for (var offset = 0; offset < bytes.Length; offset += 4093)
            {
                handOff.Write(bytes, offset, Math.Min(4093, bytes.Length - offset));
            }

            handOff.Complete();
        }

        Assert.Equal(bytes, target.ToArray());
    }

    [Fact]
    public void A_failing_target_is_reported_to_the_writer()
    {
        var chunk = new byte[1 << 18];

        var reported = Assert.Throws<IOException>(() =>
        {
            using var handOff = new HandOffStream(new FailingStream());
            for (var i = 0; i < 100; i++)
            {
                handOff.Write(chunk);
            }

            handOff.Complete();
        });

        Assert.Equal("disk full", reported.Message);
    }

    [Fact]
    public void When_the_writer_fails_its_failure_is_the_one_reported()
    {
        static void WriteThenFail()
        {
            using var handOff = new HandOffStream(new FailingStream());
            handOff.Write(new byte[1 << 18]);
            throw new InvalidOperationException("the template is broken");
        }

        var reported = Assert.Throws<InvalidOperationException>(WriteThenFail);

        Assert.Equal("the template is broken", reported.Message);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("disk full");
    }
}
