using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>A patient of an invoice's L file.</summary>
internal sealed record InvoicePatient(string? Fam, string? Im, string? Ot, int? W, DateOnly? Dr);

/// <summary>
/// The patients of an invoice's L file by ID_PAC, read on another core while the H file is read: the L file is
/// first copied into memory (<see cref="BufferedEntry"/>: the files of one archive cannot be read at once), and the
/// cases the H file gives before the L file is done get their names when it is (<see cref="JoinInto"/>). An L file
/// too large to hold is read whole first, as before.
/// </summary>
internal sealed class InvoicePatients
{
    /// <summary>An L file of 100 000 patients is ≈ 10 MB.</summary>
    private const long MaxBuffered = 64L << 20;

    private readonly Task<Dictionary<string, InvoicePatient>> _reading;
    private readonly List<int> _waiting = [];
    private Dictionary<string, InvoicePatient>? _read;

    private InvoicePatients(Task<Dictionary<string, InvoicePatient>> reading) => _reading = reading;

    /// <summary>Starts reading the L file at <paramref name="path"/> of the archive.</summary>
    public static InvoicePatients Start(IArchiveFiles archive, string path, string file, CancellationToken ct)
    {
        BufferedEntry? buffered;
        using (var stream = archive.Open(path))
        {
            buffered = BufferedEntry.TryRead(stream, MaxBuffered);
        }

        if (buffered is not null)
        {
            return new InvoicePatients(Task.Run(() => Read(buffered, file, ct), CancellationToken.None));
        }

        try
        {
            using var stream = archive.Open(path);
            return new InvoicePatients(Task.FromResult(Read(stream, file, ct)));
        }
        catch (RegionFormatException ex)
        {
            // Reported once the H file is read: a broken H file comes first.
            return new InvoicePatients(Task.FromException<Dictionary<string, InvoicePatient>>(ex));
        }
    }

    /// <summary>The patient of the <paramref name="index"/>-th case of the H file, or null; while the L file is still
    /// being read, null, and the case gets its names in <see cref="JoinInto"/>.</summary>
    public InvoicePatient? Find(string? idPac, int index)
    {
        if (idPac is null)
        {
            return null;
        }

        if (_read is null)
        {
            if (!_reading.IsCompletedSuccessfully)
            {
                _waiting.Add(index);
                return null;
            }

            _read = _reading.Result;
        }

        return _read.GetValueOrDefault(idPac);
    }

    /// <summary>Waits for the L file (its failure is thrown here) and gives the cases read before it was done their
    /// patients' names.</summary>
    public void JoinInto(List<InvoiceCase> cases)
    {
        var patients = _reading.GetAwaiter().GetResult();
        foreach (var index in _waiting)
        {
            if (patients.GetValueOrDefault(cases[index].IdPac!) is { } p)
            {
                cases[index] = cases[index] with { Fam = p.Fam, Im = p.Im, Ot = p.Ot, W = p.W, Dr = p.Dr };
            }
        }
    }

    /// <summary>Waits for the L file when the H file failed: the H file's failure is the one reported.</summary>
    public void Abandon()
    {
        ((IAsyncResult)_reading).AsyncWaitHandle.WaitOne();
        _ = _reading.Exception;
    }

    private static Dictionary<string, InvoicePatient> Read(Stream content, string file, CancellationToken ct)
    {
        using (content)
        {
            return SafeXml.Read(file, () =>
            {
                using var reader = SafeXml.Open(content);
                SafeXml.Root(reader, file, "PERS_LIST", "файл пациентов (L)");
                var pool = new TextPool();
                var patients = new Dictionary<string, InvoicePatient>(StringComparer.Ordinal);
                var fields = new RecordFields(file);
                foreach (var line in XmlRecord.Records(reader, "PERS", ct))
                {
                    fields.ReadChildren(reader, line);
                    if (fields.Text("ID_PAC") is { } id)
                    {
                        patients.TryAdd(id, new InvoicePatient(fields.Shared("FAM", pool), fields.Shared("IM", pool), fields.Shared("OT", pool),
                            fields.Int("W"), fields.Date("DR")));
                    }
                }

                return patients;
            });
        }
    }
}
