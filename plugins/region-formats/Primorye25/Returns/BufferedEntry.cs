namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// A file of an archive read into memory, so that another core can parse it while the archive goes on with another
/// file (the files of one archive cannot be read at once). Bounded: a file larger than the limit is not held.
/// </summary>
internal sealed class BufferedEntry : Stream
{
    /// <summary>Under the large object heap's threshold: ten megabytes of it would cost full collections.</summary>
    private const int ChunkSize = 1 << 16;
    private readonly List<byte[]> _chunks;
    private readonly long _length;
    private long _position;

    private BufferedEntry(List<byte[]> chunks, long length)
    {
        _chunks = chunks;
        _length = length;
    }

    /// <summary>The whole of <paramref name="source"/>, or null (and the source read up to the limit) when it holds
    /// more than <paramref name="limit"/> bytes.</summary>
    public static BufferedEntry? TryRead(Stream source, long limit)
    {
        var chunks = new List<byte[]>();
        long length = 0;
        while (true)
        {
            var chunk = new byte[ChunkSize];
            var filled = 0;
            int read;
            while (filled < ChunkSize && (read = source.Read(chunk, filled, ChunkSize - filled)) > 0)
            {
                filled += read;
            }

            chunks.Add(chunk);
            length += filled;
            if (length > limit)
            {
                return null;
            }

            if (filled < ChunkSize)
            {
                return new BufferedEntry(chunks, length);
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var available = (int)Math.Min(Math.Min(buffer.Length, _length - _position), ChunkSize - (_position % ChunkSize));
        if (available <= 0)
        {
            return 0;
        }

        _chunks[(int)(_position / ChunkSize)].AsSpan((int)(_position % ChunkSize), available).CopyTo(buffer);
        _position += available;
        return available;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
