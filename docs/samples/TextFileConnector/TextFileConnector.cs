using System.Globalization;
using System.Runtime.CompilerServices;
using Omslite.Sdk.Connectors;

namespace Example.MisConnectors.TextFile;

/// <summary>
/// A minimal MIS connector to copy: the "MIS" is a UTF-8 text file (the connection string is its path) with one
/// completed OMS CT/MRI case per line, appended over time:
/// <c>visit;card;surname;sex;birth date;ENP;SMO;visit date;doctor SNILS;MKB-10;PMU code</c>.
/// The watermark is the number of lines already delivered.
/// </summary>
/// <remarks>
/// The hub creates one instance (public, parameterless constructor) and uses it for every source that names
/// <see cref="Id"/>, so it keeps no per-source state.
/// </remarks>
public sealed class TextFileConnector : IMisConnector
{
    /// <inheritdoc />
    public string Id => "example-textfile";

    /// <inheritdoc />
    public string Name => "Пример: случаи из текстового файла";

    /// <inheritdoc />
    public string Engine => "textfile";

    /// <inheritdoc />
    public async Task<ConnectionCheck> CheckAsync(SourceConnection connection, CancellationToken cancellationToken)
    {
        // Never throw here: say what to fix, in Russian, for the clinic's admin.
        if (!File.Exists(connection.ConnectionString))
        {
            return ConnectionCheck.Failure($"Файл {connection.ConnectionString} не найден.");
        }

        var problems = new List<string>();
        var count = 0;
        foreach (var line in await File.ReadAllLinesAsync(connection.ConnectionString, cancellationToken))
        {
            count++;
            if (line.Split(';').Length != 11)
            {
                problems.Add($"Строка {count}: нужно 11 полей через «;».");
            }
        }

        return problems.Count == 0
            ? ConnectionCheck.Success($"Файл прочитан, случаев: {count}.")
            : ConnectionCheck.Failure("Файл не подходит.", [.. problems]);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceBatch> PullAsync(PullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(request.Connection.ConnectionString, cancellationToken);

        // A period pull reads everything and filters by month; an incremental one starts after the watermark.
        var start = request.IsPeriodPull ? 0 : int.Parse(request.Watermark ?? "0", CultureInfo.InvariantCulture);
        var batch = new List<SourceCase>();
        for (var i = start; i < lines.Length; i++)
        {
            var c = Parse(lines[i]);
            var month = new ReportPeriod(c.Visit.CloseDate.Year, c.Visit.CloseDate.Month);
            if (!request.IsPeriodPull || (month.FirstDay >= request.From!.Value.FirstDay && month.FirstDay <= request.To!.Value.FirstDay))
            {
                batch.Add(c);
            }

            // The watermark of a batch covers exactly the lines up to its last case: the hub commits them together.
            if (batch.Count == request.BatchSize || i == lines.Length - 1)
            {
                yield return new SourceBatch(batch, request.IsPeriodPull ? request.Watermark : (i + 1).ToString(CultureInfo.InvariantCulture));
                batch = [];
            }
        }
    }

    private static SourceCase Parse(string line)
    {
        var f = line.Split(';');
        var date = DateOnly.ParseExact(f[7], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new SourceCase
        {
            SourceKey = f[0],
            ChangeMarker = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(line)))[..32],
            Patient = new SourcePatient
            {
                SourceKey = f[1],
                CardNumber = f[1],
                Fam = f[2],
                Sex = f[3],
                BirthDate = DateOnly.ParseExact(f[4], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                PolicyNumber = f[5],
                SmoCode = f[6],
            },
            Visit = new SourceVisit
            {
                OpenDate = date,
                CloseDate = date,
                Purpose = 4,
                DoctorSnils = f[8],
                Prvs = 60,
                Profile = 78,
                Ds1 = f[9],
            },
            Services = [new SourceService { SourceKey = f[0] + "-1", Code = f[10], Date = date }],
        };
    }
}
