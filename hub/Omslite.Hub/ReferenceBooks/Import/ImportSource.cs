namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>A file to import: its name (which tells its kind, and often its book) and how to read it.</summary>
public sealed record ImportSource(string Name, Func<Stream> Open)
{
    public static ImportSource FromPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"файл {path} не найден", full);
        }

        return new ImportSource(Path.GetFileName(full), () => File.OpenRead(full));
    }
}
