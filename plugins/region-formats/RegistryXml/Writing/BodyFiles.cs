namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// The record bodies of a pack's files, one line per record (LF), in windows-1251, in the run's work directory, with
/// the visit number of each line (for messages) and the run's other scratch files; all deleted when disposed.
/// </summary>
internal sealed class BodyFiles(string directory) : IDisposable
{
    private readonly string _stem = System.IO.Path.Combine(directory, "pack-" + Guid.NewGuid().ToString("N"));
    private readonly List<StreamWriter> _writers = [];
    private readonly List<List<int>> _owners = [];
    private readonly List<List<long>> _starts = [];
    private readonly List<long> _lengths = [];
    private readonly List<string> _bodies = [];
    private readonly List<string> _scratch = [];

    /// <summary>The number of bodies (files of the pack).</summary>
    public int Count => _writers.Count;

    /// <summary>Appends a passing case's lines; the bodies are created with the first case.</summary>
    public void Append(int number, IReadOnlyList<string?> lines)
    {
        while (_writers.Count < lines.Count)
        {
            var path = Scratch(".body");
            _bodies.Add(path);
            _writers.Add(new StreamWriter(
                new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), Cp1251.Encoding, 1 << 16));
            _owners.Add([]);
            _starts.Add([]);
            _lengths.Add(0);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is { } line)
            {
                _writers[i].Write(line);
                _writers[i].Write('\n');
                _owners[i].Add(number);
                _starts[i].Add(_lengths[i]);
                // windows-1251 is one byte per character, and every value was checked to be writable (D2.4).
                _lengths[i] += line.Length + 1;
            }
        }
    }

    /// <summary>The body of file <paramref name="index"/>.</summary>
    public string Path(int index) => _bodies[index];

    /// <summary>The visit numbers of the lines of file <paramref name="index"/>, in order.</summary>
    public IReadOnlyList<int> Owners(int index) => _owners[index];

    /// <summary>Where each line of file <paramref name="index"/> starts in its body, in bytes.</summary>
    public IReadOnlyList<long> LineStarts(int index) => _starts[index];

    /// <summary>The length of the body of file <paramref name="index"/>, in bytes.</summary>
    public long Length(int index) => _lengths[index];

    /// <summary>A new scratch file name in the work directory (unique within the run), deleted with the bodies.</summary>
    public string Scratch(string suffix)
    {
        var path = $"{_stem}.{_scratch.Count}{suffix}";
        _scratch.Add(path);
        return path;
    }

    /// <summary>Finishes writing the bodies.</summary>
    public void Close()
    {
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }
    }

    public void Dispose()
    {
        Close();
        foreach (var path in _scratch)
        {
            File.Delete(path);
        }
    }
}
