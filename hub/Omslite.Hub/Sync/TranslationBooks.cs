using Dapper;
using Npgsql;

namespace Omslite.Hub.Sync;

/// <summary>A doctor the translation added to the MO's book; the merge writes it with the first batch that names it.</summary>
public sealed record NewDoctor(int Spec, int Code, string Name, string Snils);

/// <summary>
/// The MO's local books a run translates federal codes with: doctors by SNILS, local specialties by PRVS/profile,
/// local MOs by F003 code. Loaded once per run and then used by the translation alone (which runs ahead of the merge,
/// without the database): a doctor the MO does not have yet (an 11-digit SNILS and a specialty) gets the next code of
/// the specialty here and is handed to the merge as a <see cref="NewDoctor"/>, so synced visits name a real doctor.
/// </summary>
public sealed class TranslationBooks
{
    private readonly Dictionary<string, (int Spec, int Code)> _doctors;
    private readonly Dictionary<int, int> _lastCodes;
    private List<NewDoctor> _added = [];
    private readonly Dictionary<(int Prvs, int Profile), int> _specialties;
    private readonly Dictionary<int, int> _specialtiesByPrvs;
    private readonly Dictionary<string, string> _localMos;

    private TranslationBooks(
        int moId, string moShortCode, Dictionary<string, (int, int)> doctors, Dictionary<int, int> lastCodes,
        Dictionary<(int, int), int> specialties, Dictionary<string, string> localMos)
    {
        MoId = moId;
        MoShortCode = moShortCode;
        _doctors = doctors;
        _lastCodes = lastCodes;
        _specialties = specialties;
        _specialtiesByPrvs = specialties.GroupBy(s => s.Key.Item1).ToDictionary(g => g.Key, g => g.Min(s => s.Value));
        _localMos = localMos;
    }

    public int MoId { get; }

    public string MoShortCode { get; }

    public static async Task<TranslationBooks> LoadAsync(NpgsqlConnection conn, int moId, CancellationToken ct)
    {
        var shortCode = await conn.ExecuteScalarAsync<string>(new CommandDefinition("select short_code from mo where id = @moId", new { moId }, cancellationToken: ct));
        var doctors = (await conn.QueryAsync<(string Snils, int Spec, int Code)>(new CommandDefinition(
                "select snils, spec, code from doctor where mo_id = @moId and not deleted order by spec, code", new { moId }, cancellationToken: ct)))
            .GroupBy(d => d.Snils).ToDictionary(g => g.Key, g => (g.First().Spec, g.First().Code));
        var lastCodes = (await conn.QueryAsync<(int Spec, int Code)>(new CommandDefinition(
                "select spec, max(code) from doctor where mo_id = @moId group by spec", new { moId }, cancellationToken: ct)))
            .ToDictionary(d => d.Spec, d => d.Code);
        var specialties = (await conn.QueryAsync<(int Prvs, int Profil, int Spec)>(new CommandDefinition(
                "select prvs, profil, spec from local_specialty where mo_id = @moId and prvs is not null and profil is not null order by spec",
                new { moId }, cancellationToken: ct)))
            .GroupBy(s => (s.Prvs, s.Profil)).ToDictionary(g => g.Key, g => g.First().Spec);
        var localMos = (await conn.QueryAsync<(string Code, string ShortCode)>(new CommandDefinition(
                "select code, short_code from mo_local where mo_id = @moId order by short_code", new { moId }, cancellationToken: ct)))
            .GroupBy(m => m.Code).ToDictionary(g => g.Key, g => g.First().ShortCode);
        return new TranslationBooks(moId, shortCode ?? "", doctors, lastCodes, specialties, localMos);
    }

    /// <summary>The local specialty of a PRVS/profile pair.</summary>
    public int? Specialty(int? prvs, int? profile) =>
        prvs is { } p && profile is { } f && _specialties.TryGetValue((p, f), out var spec) ? spec : null;

    /// <summary>A local specialty with this PRVS (for a referring doctor, whose profile is unknown).</summary>
    public int? SpecialtyOfPrvs(int? prvs) => prvs is { } p && _specialtiesByPrvs.TryGetValue(p, out var spec) ? spec : null;

    /// <summary>The 3-character short code of an F003 code: from the local MO book, else its last three digits (D2.7).</summary>
    public string? ShortMoCode(string? f003) =>
        f003 is null ? null : _localMos.TryGetValue(f003, out var shortCode) ? shortCode : f003.Length == 6 ? f003[3..] : f003;

    /// <summary>The doctor with this SNILS; one the MO lacks is added in <paramref name="spec"/> when there is one.</summary>
    public (int Spec, int Code)? Doctor(string? snils, string? name, int? spec)
    {
        if (snils is null)
        {
            return null;
        }

        if (_doctors.TryGetValue(snils, out var known))
        {
            return known;
        }

        // The doctors book keeps 11-digit SNILS only: another one names nobody, rather than failing the batch.
        if (spec is not { } s || snils.Length != 11)
        {
            return null;
        }

        var code = _lastCodes[s] = _lastCodes.GetValueOrDefault(s) + 1;
        _added.Add(new NewDoctor(s, code, name ?? $"Врач СНИЛС {snils}", snils));
        return _doctors[snils] = (s, code);
    }

    /// <summary>The doctors added since the last call, for the merge of the batch they were added in.</summary>
    public IReadOnlyList<NewDoctor> TakeAdded()
    {
        var added = _added;
        _added = [];
        return added;
    }

    /// <summary>Writes the doctors a batch added, in the batch's transaction.</summary>
    public static async Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, IReadOnlyList<NewDoctor> doctors, CancellationToken ct)
    {
        if (doctors.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "insert into doctor (mo_id, code, spec, family, snils) values (@moId, @Code, @Spec, @Name, @Snils)",
                doctors.Select(d => new { moId, d.Code, d.Spec, d.Name, d.Snils }), tx, cancellationToken: ct));
        }
    }
}
