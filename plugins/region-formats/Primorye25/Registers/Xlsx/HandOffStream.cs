using System.Collections.Concurrent;

namespace Omslite.RegionFormats.Primorye25.Registers.Xlsx;

/// <summary>
/// A write-only stream that hands what is written, in full buffers, to another thread writing it on to the target:
/// a register's sheet is formatted on one core and compressed into the workbook (the target, a zip entry) on the
/// other — compressing 86 MB of sheet markup costs about as much as making it. At most a few buffers wait (bounded
/// memory); the target is written by one thread only and in order. <see cref="Complete"/> ends the writing and
/// reports a failure of the target; disposing without it (the writer failed) drops what was not written yet.
/// </summary>
internal sealed class HandOffStream : Stream
{
    private const int BufferSize = 1 << 18;
    private const int Waiting = 4;

    private readonly BlockingCollection<(byte[] Buffer, int Length)> _full = new(Waiting);
    private readonly ConcurrentQueue<byte[]> _free = new();
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _writing;
    private byte[] _buffer = new byte[BufferSize];
    private int _length;

    /// <summary>The target is written on a thread of its own: it blocks while it waits for buffers, and a pool thread
    /// blocked so would hold up the host's asynchronous work.</summary>
    public HandOffStream(Stream target) =>
        _writing = Task.Factory.StartNew(() => WriteOn(target), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var part = Math.Min(buffer.Length, BufferSize - _length);
            buffer[..part].CopyTo(_buffer.AsSpan(_length));
            _length += part;
            buffer = buffer[part..];
            if (_length == BufferSize)
            {
                HandOn();
            }
        }
    }

    /// <summary>Nothing to do: the buffers go on when full, and the rest at <see cref="Complete"/>.</summary>
    public override void Flush()
    {
    }

    /// <summary>Hands on the last buffer and waits until the target has everything; a failure of the target is thrown here.</summary>
    public void Complete()
    {
        if (_length > 0)
        {
            HandOn();
        }

        _full.CompleteAdding();
        _writing.GetAwaiter().GetResult();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_full.IsAddingCompleted)
        {
            // The writer failed: its exception is the one that counts; the target is left as far as it got.
            _failed.Cancel();
            _full.CompleteAdding();
            ((IAsyncResult)_writing).AsyncWaitHandle.WaitOne();
            _ = _writing.Exception;
        }

        if (disposing)
        {
            _full.Dispose();
            _failed.Dispose();
        }

        base.Dispose(disposing);
    }

    private void HandOn()
    {
        try
        {
            _full.Add((_buffer, _length), _failed.Token);
        }
        catch (OperationCanceledException)
        {
            // The target failed: its exception is the one that counts.
            _writing.GetAwaiter().GetResult();
            throw;
        }

        _buffer = _free.TryDequeue(out var free) ? free : new byte[BufferSize];
        _length = 0;
    }

    private void WriteOn(Stream target)
    {
        try
        {
            foreach (var (buffer, length) in _full.GetConsumingEnumerable(_failed.Token))
            {
                target.Write(buffer, 0, length);
                _free.Enqueue(buffer);
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // Dropped on purpose: the writer failed.
        }
        catch
        {
            _failed.Cancel();
            throw;
        }
    }
}
