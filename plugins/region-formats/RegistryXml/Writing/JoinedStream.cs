namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>A read-only stream that reads several streams one after another (header, body file, closing tag).</summary>
internal sealed class JoinedStream(IReadOnlyList<Func<Stream>> parts) : Stream
{
    private int _index = -1;
    private Stream? _current;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_current is null)
            {
                if (++_index >= parts.Count)
                {
                    return 0;
                }

                _current = parts[_index]();
            }

            var read = _current.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            _current.Dispose();
            _current = null;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _current = null;
            _index = parts.Count;
        }

        base.Dispose(disposing);
    }
}
